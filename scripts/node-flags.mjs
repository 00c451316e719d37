// Node/V8 flags of the production server: `npm start` passes the same ones (keep package.json's
// "start" script in step), and the benchmarks start the server with these so they measure what
// `npm start` runs. A 32 MiB young generation lets the garbage of each chat request die young with
// fewer scavenges: in paired runs of the chat benchmark it cut CPU per message by 4–6 % and raised
// messages/s by 4–13 %. `ketnoi serve` takes them through NODE_OPTIONS.
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];
