/**
 * The serialized form of a value, as RemoteGlobal carries arguments, results and posted messages (loosely after
 * WebDriver BiDi, the same form as web-platform-tests' `channel.sub.js`). Types only.
 *
 * | type | value |
 * |---|---|
 * | `undefined`, `null` | none |
 * | `string`, `boolean` | the value |
 * | `number` | the number, or `"NaN"`, `"-0"`, `"+Infinity"`, `"-Infinity"` |
 * | `bigint` | its decimal string |
 * | `function` | its source text |
 * | `regexp` | `{pattern, flags}` |
 * | `date` | its ISO string |
 * | `error` | `{type, name, message, lineNumber, columnNumber, fileName, stack}` |
 * | `array`, `set` | a list of serialized values (an array's holes as `{type: "hole"}`) |
 * | `object` | own enumerable string-keyed entries |
 * | `map` | `[[key, value]...]` |
 * | `typedarray` | `{type: constructor name, data: numbers}` (bigint arrays: decimal strings) |
 * | `arraybuffer` | its bytes as numbers |
 * | `remoteobject` | `{type, objectId}` |
 * | `sendchannel` | the channel's uuid |
 *
 * An object met a second time (a shared reference or a cycle) is `{type, objectId}` with no `value`; its first
 * occurrence carries both. Only objects get an `objectId`: primitives are written out each time.
 */
export interface SerializedValue {
  type: string;
  value?: unknown;
  objectId?: number;
}
