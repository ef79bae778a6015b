// return_bytes_str.py: returns b"HelloWorld!" (written as the JSON string by the runtime).
exports.handler = async () => 'HelloWorld!';
