// Handlers the Lambda benchmarks invoke.
exports.echo = async (event) => event;
exports.wait50 = async () => {
  await new Promise((resolve) => setTimeout(resolve, 50));
  return 'done';
};
