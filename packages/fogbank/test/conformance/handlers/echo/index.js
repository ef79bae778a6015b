// echo_function.py
exports.handler = async () => ({ Return: 'HelloWorld' });
