"""Code size of a wasm module by crate, from its name section: what the console's download is made of.

Usage: python3 bench/wasm-breakdown.py target/wasm32-unknown-unknown/wasm-release/clientele-console.wasm [N]

Run it on cargo's output (trunk builds it before wasm-bindgen and wasm-opt strip the names); the
shares carry over to the shipped file. Names are grouped by the first path segment of the
(legacy or v0) mangled symbol, which is the crate for almost every function.
"""
import re, collections, sys
b=open(sys.argv[1],'rb').read()
def leb(b,i):
    r=0;s=0
    while True:
        x=b[i];i+=1;r|=(x&0x7f)<<s;s+=7
        if x<0x80: return r,i
i=8; secs={}; nimports=0
while i<len(b):
    sid=b[i];i+=1;size,i=leb(b,i); start=i
    if sid==0:
        n,j=leb(b,i);secs['c:'+b[j:j+n].decode()]=(j+n,start+size)
    else: secs[sid]=(start,start+size)
    i+=size
s,e=secs[2]; n,i=leb(b,s)
for _ in range(n):
    l,i=leb(b,i); i+=l; l,i=leb(b,i); i+=l; kind=b[i]; i+=1
    if kind==0: _,i=leb(b,i); nimports+=1
    elif kind==1: i+=1; fl=b[i]; i+=1; _,i=leb(b,i)
    elif kind==2: fl=b[i]; i+=1; _,i=leb(b,i)
    elif kind==3: i+=2
s,e=secs[10]; n,i=leb(b,s); sizes=[]
for _ in range(n):
    sz,i=leb(b,i); sizes.append(sz); i+=sz
names={}
s,e=secs['c:name']; i=s
while i<e:
    sub=b[i]; i+=1; sz,i=leb(b,i); end=i+sz
    if sub==1:
        cnt,i=leb(b,i)
        for _ in range(cnt):
            idx,i=leb(b,i); l,i=leb(b,i); names[idx]=b[i:i+l].decode('utf8','replace'); i+=l
    i=end
def crate(nm):
    m=re.match(r'_ZN\d+(.*)', nm)
    if m:
        rest=m.group(1).replace('_$LT$','').replace('$LT$','')
        return re.split(r'\.\.|\$|\d', rest, 1)[0] or '?'
    m=re.match(r'_R\w*?C\w*?\d+(\w+?)\d', nm)
    if nm.startswith('_R'):
        m=re.search(r'C[s\w]*?_(\d+)([a-z_]+)', nm)
        if m: return m.group(2)[:int(m.group(1))]
    if nm.startswith('__wbindgen_describe'): return 'wasm-bindgen describe'
    return nm.split('::')[0][:30]
agg=collections.Counter()
for k,sz in enumerate(sizes): agg[crate(names.get(k+nimports,'?'))]+=sz
tot=sum(sizes)
print("code bytes", tot, "data bytes", secs[11][1]-secs[11][0])
for c,sz in agg.most_common(int(sys.argv[2]) if len(sys.argv)>2 else 20): print(f"{sz:9d} {sz*100/tot:5.1f}% {c}")
