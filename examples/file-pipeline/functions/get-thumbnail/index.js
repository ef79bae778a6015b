// Get Thumbnail: renders the first page. The renderer is a shared service that turns away the
// first request of each execution (`ThumbnailServiceBusy`, retried by the workflow with back-off);
// the workflow passes `$$.State.RetryCount` as `attempt`. A PDF whose bytes are not a PDF cannot
// be rendered: `ThumbnailError`, which is not retried.
class ThumbnailServiceBusy extends Error {
  constructor(message) {
    super(message);
    this.name = 'ThumbnailServiceBusy';
  }
}

class ThumbnailError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ThumbnailError';
  }
}

exports.handler = async (event) => {
  const { documentId, file, attempt } = event;
  if (attempt === 0) throw new ThumbnailServiceBusy('the thumbnail renderer is busy, try again');
  if (file.contentType === 'application/pdf' && !String(file.content ?? '').startsWith('%PDF-')) {
    throw new ThumbnailError(`cannot render ${file.name}: it is not a PDF document`);
  }
  return { key: `thumbnails/${documentId}.png`, width: 128, height: 128 };
};
