// An independent SD-JWT implementation (@sd-jwt/sd-jwt-vc with Node's crypto) for the .NET interop tests.
// Reads one JSON request on stdin, writes one JSON answer on stdout.
//   {"command":"verify","sdJwt":...,"issuerJwk":{...},"nonce":...,"audience":...,"now":<seconds>}
//     -> {"payload":{...},"keyBinding":{...}}  (signature, Disclosures, KB-JWT with cnf.jwk, nonce, sd_hash; aud checked here)
//   {"command":"verify-vc","sdJwt":...,"issuerJwk":{...},"nonce":...,"audience":...,"now":<seconds>,"typeMetadata":{...}}
//     -> {"header":{...},"payload":{...},"keyBinding":{...},"typeMetadata":{...}}  (as verify, plus the status list at
//        status.status_list.uri fetched and verified with the issuer key, and the vct's type metadata, handed over
//        here instead of fetched, validated by the library's schema)
//   {"command":"issue","claims":{...},"disclosable":[names],"issuerJwk":{private},"holderJwk":{private},"nonce":...,"audience":...,"now":<seconds>}
//     -> {"issued":"<SD-JWT>~","presentation":"<SD-JWT+KB>"}  (every Disclosure presented)
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { ES256, digest, generateSalt } from '@sd-jwt/crypto-nodejs';

const input = JSON.parse(await new Promise((resolve) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => { text += chunk; });
  process.stdin.on('end', () => resolve(text));
}));

const publicOf = ({ kty, crv, x, y }) => ({ kty, crv, x, y });

const kbVerifier = async (data, signature, payload) => {
  const verify = await ES256.getVerifier(payload.cnf.jwk);
  return verify(data, signature);
};

async function run() {
  if (input.command === 'verify') {
    const sdjwt = new SDJwtVcInstance({
      hasher: digest,
      verifier: await ES256.getVerifier(publicOf(input.issuerJwk)),
      kbVerifier,
    });
    const result = await sdjwt.verify(input.sdJwt, { keyBindingNonce: input.nonce, currentDate: input.now });
    if (!result.kb || result.kb.payload.aud !== input.audience) {
      throw new Error('the Key Binding JWT is missing or its aud is not the audience expected');
    }
    return { payload: result.payload, keyBinding: result.kb.payload };
  }

  if (input.command === 'verify-vc') {
    const sdjwt = new SDJwtVcInstance({
      hasher: digest,
      verifier: await ES256.getVerifier(publicOf(input.issuerJwk)),
      kbVerifier,
      loadTypeMetadataFormat: true,
      vctFetcher: async (vct) => {
        if (vct !== input.typeMetadata.vct) {
          throw new Error(`no type metadata for ${vct}`);
        }
        return input.typeMetadata;
      },
    });
    const result = await sdjwt.verify(input.sdJwt, { keyBindingNonce: input.nonce, currentDate: input.now });
    if (!result.kb || result.kb.payload.aud !== input.audience) {
      throw new Error('the Key Binding JWT is missing or its aud is not the audience expected');
    }
    return { header: result.header, payload: result.payload, keyBinding: result.kb.payload, typeMetadata: result.typeMetadata.mergedTypeMetadata };
  }

  if (input.command === 'issue') {
    const sdjwt = new SDJwtVcInstance({
      hasher: digest,
      hashAlg: 'sha-256',
      saltGenerator: generateSalt,
      signer: await ES256.getSigner(input.issuerJwk),
      signAlg: ES256.alg,
      kbSigner: await ES256.getSigner(input.holderJwk),
      kbSignAlg: ES256.alg,
    });
    const claims = { ...input.claims, cnf: { jwk: publicOf(input.holderJwk) } };
    const issued = await sdjwt.issue(claims, { _sd: input.disclosable });
    const frame = Object.fromEntries(input.disclosable.map((name) => [name, true]));
    const presentation = await sdjwt.present(issued, frame, {
      kb: { payload: { iat: input.now, aud: input.audience, nonce: input.nonce } },
    });
    return { issued, presentation };
  }

  throw new Error(`unknown command ${input.command}`);
}

try {
  process.stdout.write(JSON.stringify(await run()));
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
