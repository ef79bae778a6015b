// raise_custom_exception.py: a CustomException whose str() is empty.
class CustomException extends Error {
  name = 'CustomException';
}
exports.handler = async () => {
  throw new CustomException('');
};
