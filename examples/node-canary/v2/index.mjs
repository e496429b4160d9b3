// Version 2 of the canary example's function (Node.js, ES module handler: index.handler).
export const handler = async () => {
  console.log('canary example: version 2 answered');
  return { statusCode: 200, body: JSON.stringify('Hi, This is ver 2 Lambda!') };
};
