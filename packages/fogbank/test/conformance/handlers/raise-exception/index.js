// raise_exception.py: raise Exception("Some exception was raised.")
class Exception extends Error {
  name = 'Exception';
}
exports.handler = async () => {
  throw new Exception('Some exception was raised.');
};
