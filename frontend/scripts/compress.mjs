// Pre-compress the built SPA: .br and .gz beside each text asset, served by the API when the
// browser accepts them (no compression work per request).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const TEXT = /\.(js|css|html|svg|json|txt|map)$/
const dist = new URL('../dist/', import.meta.url).pathname

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* files(path)
    else if (TEXT.test(name)) yield path
  }
}

let count = 0
for (const path of files(dist)) {
  const body = readFileSync(path)
  if (body.length < 1024) continue
  writeFileSync(`${path}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }))
  writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }))
  count += 1
}
console.log(`compressed ${count} files (br, gz)`)
