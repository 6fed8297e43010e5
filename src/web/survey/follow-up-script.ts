/**
 * The one script of a questionnaire page (progressive enhancement): when an answer changes,
 * it asks the server which of the page's questions apply now (the same evaluation a save
 * makes) and shows or hides the conditional questions the server rendered hidden, updating
 * the list of shown questions the save checks. Without it the page works as before: new
 * follow-up questions appear after Next. Allowed by its hash in the Content-Security-Policy.
 */
import { createHash } from 'node:crypto';

export const followUpScript = `(()=>{const f=document.querySelector('form[data-applies]');if(!f||!window.fetch||!window.FormData)return;let n=0;f.addEventListener('change',()=>{const k=++n,d=new URLSearchParams(new FormData(f));d.delete('_action');fetch(f.dataset.applies,{method:'POST',body:d,credentials:'same-origin'}).then(r=>r.ok?r.json():null).then(j=>{if(!j||k!==n)return;const s=new Set(j.show);for(const e of f.querySelectorAll('fieldset[data-v]')){const on=e.dataset.v.split(' ').some(v=>s.has(v));e.hidden=!on;e.disabled=!on}f.elements._vars.value=j.show.join(' ')}).catch(()=>{})})})();`;

export const followUpScriptHash = `'sha256-${createHash('sha256').update(followUpScript).digest('base64')}'`;
