import { app } from '@azure/functions';

// NOTE: HTTP streams ("Stream HTTP requests and responses in Node.js Azure Functions"; Azure
// Functions Node.js developer guide, HTTP streams): with this setting the host hands the worker
// the request body as a stream instead of one buffer, so a start of a job kind with streamed
// arrays reads, checks and stages a 100 MB body in bounded memory. It needs host 4.28 or later
// and @azure/functions 4.3.0 or later, and applies to every HTTP function of the app.
app.setup({ enableHttpStream: true });
