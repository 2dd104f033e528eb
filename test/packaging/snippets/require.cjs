// CommonJS (Node 20.19 or newer can require these ES modules)
const { ProcessHost } = require('@actorpair/process-actors');
const { getDOMProcessChild } = require('@actorpair/process-actors/child');
const { JSActor, createLoopback } = require('@actorpair/core');
console.log(typeof ProcessHost, typeof getDOMProcessChild, typeof JSActor, typeof createLoopback);
