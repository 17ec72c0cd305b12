const p=JSON.parse(require('fs').readFileSync(process.argv[2]));
const byId=new Map(p.nodes.map(n=>[n.id,n]));
const self=new Map();
const dt={};p.samples.forEach((s,i)=>{dt[s]=(dt[s]||0)+(p.timeDeltas[i]||0)});
let total=0;
for(const n of p.nodes){const t=dt[n.id]||0;total+=t;const cf=n.callFrame;const key=`${cf.functionName||'(anon)'} ${cf.url.replace(/.*node_modules\//,'nm/').replace(/.*\/dist\//,'dist/')}:${cf.lineNumber}`;self.set(key,(self.get(key)||0)+t);}
const byFile=new Map();
for(const n of p.nodes){const t=dt[n.id]||0;let u=n.callFrame.url.replace(/.*node_modules\//,'nm/').replace(/.*\/dist\//,'dist/');u=u.startsWith('nm/')?u.split('/').slice(0,u.startsWith('nm/@')?3:2).join('/'):u;byFile.set(u,(byFile.get(u)||0)+t);}
console.log('total ms',total/1000);
console.log([...self].sort((a,b)=>b[1]-a[1]).slice(0,+process.argv[3]||40).map(([k,v])=>(v/total*100).toFixed(1)+'% '+k).join('\n'));
console.log('--- by file/package');
console.log([...byFile].sort((a,b)=>b[1]-a[1]).slice(0,30).map(([k,v])=>(v/total*100).toFixed(1)+'% '+k).join('\n'));
