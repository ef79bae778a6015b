// large_output_string.py: a 257 KiB string, over Step Functions' payload limit.
exports.handler = async () => 'a'.repeat(257 * 1024);
