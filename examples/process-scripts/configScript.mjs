// A process script: every child runs it with its child process message manager (`cpmm`). It asks the main
// process for its log level with a sync message (the child waits for the answer), then reports in.
export default function (cpmm) {
  const [level] = cpmm.sendSyncMessage('Config:Lookup', 'logLevel');
  cpmm.sendAsyncMessage('Config:Ready', {
    level,
    app: cpmm.initialProcessData.app,
    theme: cpmm.sharedData.get('theme'),
  });
  cpmm.addMessageListener('Config:Changed', ({ data }) => {
    cpmm.sendAsyncMessage('Config:Applied', { key: data, value: cpmm.sharedData.get(data) });
  });
}
