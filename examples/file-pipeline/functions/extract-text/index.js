// Extract Text: the document's text (a PDF's header stripped), as a search index would store it,
// capped at 200 characters. A text service in front of it would throttle with `TextServiceBusy`,
// which the workflow retries with back-off.
const MAX_CHARACTERS = 200;

exports.handler = async (event) => {
  const { file } = event;
  if (file.contentType.startsWith('image/')) return { text: '', language: 'none' };
  const text = String(file.content ?? '').replace(/^%PDF-\d+\.\d+\s*/, '').trim();
  return { text: text.slice(0, MAX_CHARACTERS), language: 'en' };
};
