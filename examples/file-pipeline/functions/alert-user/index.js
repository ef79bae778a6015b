// Alert User of Failure: tells the user why their document was not processed (an alert row the
// app shows and pushes) and removes the document's row, so no half-processed document remains.
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DeleteCommand, DynamoDBDocumentClient, PutCommand } = require('@aws-sdk/lib-dynamodb');

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** The error's own message: a Lambda error's Cause is the function's error document as JSON. */
function reasonOf(error) {
  try {
    const cause = JSON.parse(error.Cause);
    if (typeof cause.errorMessage === 'string') return cause.errorMessage;
  } catch {
    // A Cause that is not JSON (a States.* error) is already the reason.
  }
  return error.Cause ?? error.Error;
}

exports.handler = async (event) => {
  const { documentId, userId, fileName, error } = event;
  const message = `${fileName} could not be processed (${error.Error}): ${reasonOf(error)}`;
  await documents.send(new PutCommand({ TableName: process.env.ALERTS_TABLE, Item: { PK: `${userId}#${documentId}`, userId, documentId, error: error.Error, message } }));
  const { Attributes } = await documents.send(new DeleteCommand({ TableName: process.env.DOCUMENTS_TABLE, Key: { PK: documentId }, ReturnValues: 'ALL_OLD' }));
  return { message, cleaned: Attributes !== undefined };
};
