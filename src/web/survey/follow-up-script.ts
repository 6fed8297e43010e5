/**
 * The one script of a questionnaire page (progressive enhancement): when an answer changes,
 * it asks the server which of the page's questions apply now (the same evaluation a save
 * makes) and shows or hides the conditional questions the server rendered hidden, updating
 * the list of shown questions the save checks. Without it the page works as before: new
 * follow-up questions appear after Next. While the server's answer to the latest change is
 * awaited the form carries `data-busy` (browser tests wait for it to go). Allowed by its hash
 * in the Content-Security-Policy.
 */
import { createHash } from 'node:crypto';

export const followUpScript = `(()=>{const f=document.querySelector('form[data-applies]');if(!f||!window.fetch||!window.FormData)return;let n=0;const done=k=>{if(k===n)delete f.dataset.busy};f.addEventListener('change',()=>{const k=++n,d=new URLSearchParams(new FormData(f));d.delete('_action');f.dataset.busy='';fetch(f.dataset.applies,{method:'POST',body:d,credentials:'same-origin'}).then(r=>r.ok?r.json():null).then(j=>{if(j&&k===n){const s=new Set(j.show);for(const e of f.querySelectorAll('fieldset[data-v]')){const on=e.dataset.v.split(' ').some(v=>s.has(v));e.hidden=!on;e.disabled=!on}f.elements._vars.value=j.show.join(' ')}done(k)}).catch(()=>done(k))})})();`;

export const followUpScriptHash = `'sha256-${createHash('sha256').update(followUpScript).digest('base64')}'`;
