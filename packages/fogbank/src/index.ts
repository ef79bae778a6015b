/**
 * fogbank: the package users install. Wires @fogbank/asl, @fogbank/lambda and @fogbank/dynamodb
 * into one local cloud.
 */
export {};
