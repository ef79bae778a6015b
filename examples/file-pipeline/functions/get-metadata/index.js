// Get Metadata: reads the document's size, word and page counts and registers the document as
// PROCESSING, so the user's document list shows it at once. If a later step fails, Alert User of
// Failure removes this row again.
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, PutCommand } = require('@aws-sdk/lib-dynamodb');

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const WORDS_PER_PAGE = 300;

exports.handler = async (event) => {
  const { documentId, userId, file } = event;
  const words = (file.content ?? '').split(/\s+/).filter((word) => word !== '').length;
  const metadata = { sizeBytes: file.size, words, pages: Math.max(1, Math.ceil(words / WORDS_PER_PAGE)) };
  await documents.send(
    new PutCommand({
      TableName: process.env.DOCUMENTS_TABLE,
      Item: { PK: documentId, status: 'PROCESSING', userId, name: file.name, ...metadata },
    }),
  );
  return metadata;
};
