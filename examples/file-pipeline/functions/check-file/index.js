// Check File: refuses what the pipeline cannot process before anything is stored. A refusal is a
// `FileRejected` error, which the workflow does not retry (the file will not get better).
const ACCEPTED = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  txt: 'text/plain',
};
const MAX_BYTES = 10 * 1024 * 1024;

class FileRejected extends Error {
  constructor(message) {
    super(message);
    this.name = 'FileRejected';
  }
}

exports.handler = async (event) => {
  const { name, contentType, size } = event.file ?? {};
  if (typeof name !== 'string' || name === '') throw new FileRejected('the upload has no file name');
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  if (!Object.hasOwn(ACCEPTED, extension)) throw new FileRejected(`${name}: .${extension} files are not accepted`);
  if (contentType !== ACCEPTED[extension]) throw new FileRejected(`${name}: the content type ${contentType} does not match .${extension}`);
  if (!(size > 0)) throw new FileRejected(`${name}: the file is empty`);
  if (size > MAX_BYTES) throw new FileRejected(`${name}: ${size} bytes is over the ${MAX_BYTES} byte limit`);
  return { extension };
};
