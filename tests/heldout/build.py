#!/usr/bin/env python3
"""Write the held-out articles (txt + gold.yaml in score.py's format) from ARTICLES."""
import os, re, sys, yaml
from articles import ARTICLES

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
for a in ARTICLES:
    paras = [a['title'], a['date_line']] + a['body'] + [c[0] + (' ' + c[1] if c[1] else '') for c in a.get('captions', [])]
    text = '\n\n'.join(paras) + '\n'
    quotes, nonq = [], []
    labels = list(a['quotes'])
    nbody = 2 + len(a['body'])
    pos = 0
    for pi, p in enumerate(paras):
        for m in re.finditer(r'["“]([^"”]*)["”]', p):
            if pi == 0 or pi >= nbody:
                pos_ = pos
                continue
            if not labels:
                sys.exit(f"{a['slug']}: more quote spans than labels at {m.group(1)[:40]!r}")
            lab = labels.pop(0)
            t = m.group(1).strip()
            off = pos + m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
            if lab == 'nq':
                nonq.append(dict(text=t, why='not a quotation', paragraph=pi, offset=off))
                continue
            cont = lab.startswith('+')
            lab = lab.lstrip('+')
            q = dict(text=t, speaker=None, kind='full', attribution='explicit',
                     continues_previous=cont, location='body', paragraph=pi, offset=off)
            if lab.startswith('org:'):
                q['speaker_org'] = lab[4:]
            elif lab != 'none':
                q['speaker'] = lab
            quotes.append(q)
        pos += len(p) + 2
    if labels:
        sys.exit(f"{a['slug']}: labels left over: {labels}")
    names = {p[0] for p in a['people']}
    for q in quotes:
        if q['speaker'] and q['speaker'] not in names:
            sys.exit(f"{a['slug']}: speaker {q['speaker']} not a person")
    for p in a['people']:
        for mnt in p[1]:
            if mnt not in text:
                sys.exit(f"{a['slug']}: mention {mnt!r} not in text")
    gold = dict(id=a['slug'], title=a['title'], dateline=a['date_line'], date=a['date'],
                people=[dict(name=p[0], role='', mentions=p[1]) for p in a['people']],
                quotes=quotes, non_quotes=nonq,
                captions=[dict(text=c[0] + (' ' + c[1] if c[1] else ''), caption=c[0], credit=c[1] or None,
                               credit_label=None, media='photo', source='body', paragraph=nbody + k)
                          for k, c in enumerate(a.get('captions', []))],
                not_people=[])
    open(os.path.join(out, a['slug'] + '.txt'), 'w').write(text)
    open(os.path.join(out, a['slug'] + '.gold.yaml'), 'w').write(yaml.safe_dump(gold, sort_keys=False, allow_unicode=True, width=200))
print(f'wrote {len(ARTICLES)} articles')
