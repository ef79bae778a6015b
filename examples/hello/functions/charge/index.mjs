// The payment function of the order workflow. The payment service is "warming up" on the first
// call of each execution environment, so the workflow's Retry has something to do.
let calls = 0;

export const handler = async (event) => {
  calls += 1;
  if (calls === 1) {
    const error = new Error('the payment service is warming up');
    error.name = 'Payments.Unavailable';
    throw error;
  }
  return { charged: event.lines.length * 10, currency: 'EUR' };
};
