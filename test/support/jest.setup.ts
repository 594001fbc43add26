// The AWS SDK warns once per process that its releases after January 2027 need Node 22. It is
// true and worth seeing when the gateway runs (package.json allows Node 22), but in tests it
// repeats in every worker and buries the results.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
