/**
 * Proof of work with ALTCHA (altcha-lib, self-hosted: respondents never reach a third party).
 * The server issues a signed challenge; the browser finds the number whose SHA-256 with the
 * salt gives the challenge; the server checks the signature, the expiry and the work. The key
 * lives in memory only.
 */
import { createHash } from 'node:crypto';
import { createChallenge, verifySolution } from 'altcha-lib';

/** Solves a challenge in the page; about 10^5 hashes at most, a second or two on a phone. */
export const proofOfWorkScript = `(async()=>{const f=document.querySelector('input[name="_pow_challenge"]'),o=document.querySelector('input[name="_pow"]');if(!f||!o||!window.crypto||!crypto.subtle)return;const c=JSON.parse(atob(f.value)),e=new TextEncoder();for(let n=0;n<=c.maxnumber;n++){const h=new Uint8Array(await crypto.subtle.digest('SHA-256',e.encode(c.salt+n)));let x='';for(const b of h)x+=b.toString(16).padStart(2,'0');if(x===c.challenge){o.value=btoa(JSON.stringify({algorithm:c.algorithm,challenge:c.challenge,number:n,salt:c.salt,signature:c.signature}));return}}})();`;

export const proofOfWorkScriptHash = `'sha256-${createHash('sha256').update(proofOfWorkScript).digest('base64')}'`;

export class ProofOfWork {
  private readonly key: string;

  constructor(
    key: Uint8Array,
    private readonly maxNumber = 100_000,
  ) {
    this.key = Buffer.from(key).toString('hex');
  }

  /** A challenge for a form, valid for 30 minutes of real time, as base64 JSON. */
  async challenge(): Promise<string> {
    const c = await createChallenge({
      hmacKey: this.key,
      maxNumber: this.maxNumber,
      expires: new Date(Date.now() + 30 * 60_000),
    });
    return Buffer.from(JSON.stringify({ ...c, maxnumber: this.maxNumber })).toString('base64');
  }

  async verify(payload: string | undefined): Promise<boolean> {
    if (!payload || payload.length > 2000) return false;
    try {
      return await verifySolution(payload, this.key, true);
    } catch {
      return false;
    }
  }
}
