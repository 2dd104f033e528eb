/**
 * The Lua scripts of the Redis backend: each check-and-change runs atomically on the server, so that several hubs
 * on one Redis keep the bounds and the single-reader lease. Keys of one channel share a hash tag (`{uuid}`), so a
 * cluster keeps them in one slot.
 */

/** XADD within the bounds. KEYS: stream, bytes. ARGV: maxLength, maxBytes, size, ttlMs, kind ('m' | 'close'), data. */
export const WRITE = `
if ARGV[5] == 'm' then
  if redis.call('XLEN', KEYS[1]) >= tonumber(ARGV[1]) then return 'LEN' end
  local bytes = tonumber(redis.call('GET', KEYS[2]) or '0')
  if bytes + tonumber(ARGV[3]) > tonumber(ARGV[2]) then return 'BYTES' end
end
local id = redis.call('XADD', KEYS[1], '*', 'k', ARGV[5], 'd', ARGV[6])
redis.call('INCRBY', KEYS[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return id`;

/** Refreshes a reader's lease (only its own) and the channel's TTL. KEYS: lease, stream, bytes. ARGV: token, leaseMs, ttlMs. */
export const REFRESH = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call('PEXPIRE', KEYS[3], ARGV[3])
return 1`;

/** Acknowledges and removes delivered entries. KEYS: stream, bytes. ARGV: group, size, id... */
export const ACK = `
local ids = {}
for i = 3, #ARGV do ids[#ids + 1] = ARGV[i] end
redis.call('XACK', KEYS[1], ARGV[1], unpack(ids))
redis.call('XDEL', KEYS[1], unpack(ids))
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('DECRBY', KEYS[2], ARGV[2]) end
return 1`;

/** Drops a reader's lease (only its own); an empty channel with no reader goes too. KEYS: lease, stream, bytes. ARGV: token. */
export const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
if redis.call('EXISTS', KEYS[1]) == 0 and redis.call('XLEN', KEYS[1 + 1]) == 0 then redis.call('DEL', KEYS[2], KEYS[3]) end
return 1`;
