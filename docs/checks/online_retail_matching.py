"""Independent check of the UCI Online Retail cancellation matching (docs/decisions.md; OnlineRetailEvents.java).

Written apart from the Java adapter from the rule as docs/decisions.md states it; prints the counts and the refunded
total that OnlineRetailReplayTest asserts. Run: python3 docs/checks/online_retail_matching.py (pandas needed;
reads ../shared/data/online-retail/online_retail.csv.gz beside the checkout, or the path given as argument).
Output on 2026-12-06: purchases 18536, canc 3654, refunds 3870, unmatched 523, partly 251, split 426, credit 12,
nothing 0; refunded 520225.96.
"""
import os, sys
import pandas as pd, re
from decimal import Decimal, ROUND_HALF_UP
df=pd.read_csv((sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '../../../shared/data/online-retail/online_retail.csv.gz')),dtype=str,keep_default_na=False)
df=df[df.CustomerID.str.strip()!='']
inv={}  # preserve first-appearance order
for r in df.itertuples(index=False):
    n=r.InvoiceNo
    if n not in inv: inv[n]={'cust':r.CustomerID.replace('.0',''),'lines':[]}
    inv[n]['lines'].append((r.StockCode.strip(), int(r.Quantity), Decimal(r.UnitPrice).normalize()))
goods=lambda c: re.match(r'\d{5}',c) is not None
cent=lambda d: d.quantize(Decimal('0.01'),ROUND_HALF_UP)
earlier={}  # cust -> list of dict(invoice, q{(code,price):qty}, left)
c=dict(purchases=0,canc=0,refunds=0,unmatched=0,partly=0,split=0,credit=0,nothing=0)
refund_total=Decimal(0)
for n,v in inv.items():
    if n.startswith('A'): continue
    if n.startswith('C'):
        c['canc']+=1
        E=earlier.get(v['cust'],[])
        reached={}
        total=Decimal(0); un=False; hasgoods=False
        for code,q,p in v['lines']:
            w=abs(q); total+=p*w; g=goods(code); hasgoods|=g
            for anyprice in ([False,True] if g else [False]):
                for e in reversed(E):
                    if w==0: break
                    for (cc,pp),qq in list(e['q'].items()):
                        if w==0: break
                        if cc==code and (anyprice or pp==p) and qq>0:
                            t=min(w,qq); e['q'][(cc,pp)]=qq-t; w-=t
                            reached[e['inv']]=reached.get(e['inv'],Decimal(0))+p*t
            un|= w>0
        if not reached and not hasgoods:
            val=cent(max(total,Decimal(0)))
            for e in reversed(E):
                if val>0 and e['left']==val:
                    for k in e['q']: e['q'][k]=0
                    reached[e['inv']]=val; un=False; c['credit']+=1; break
        if not reached: c['unmatched']+=1; continue
        if un: c['partly']+=1
        if len(reached)>1: c['split']+=1
        k=0
        byinv={e['inv']:e for e in E}
        for i,val in reached.items():
            amt=min(cent(max(val,Decimal(0))), byinv[i]['left'])
            if amt<=0: continue
            byinv[i]['left']-=amt; k+=1; refund_total+=amt
        if k==0: c['nothing']+=1
        c['refunds']+=k
    else:
        tot=sum(p*q for _,q,p in v['lines'])
        if tot<0: continue
        qd={}
        for code,q,p in v['lines']: qd[(code,p)]=qd.get((code,p),0)+q
        earlier.setdefault(v['cust'],[]).append({'inv':n,'q':qd,'left':cent(tot)})
        c['purchases']+=1
print(c, refund_total)
