#!/bin/sh
# A Saturday morning service (calendar.service_days) through the command
# line: counter citizens arrive and are served on Saturdays 09:00-12:00
# only (never on Sundays, never outside those hours), -j 1 equals -j 2;
# opening on Saturday leaves the arrival rate as it was (within the two
# runs' CIs); a case submitted on Saturday has its limit counted from the
# next working day; an M/M/c hall open only on Saturdays (00:00-24:00)
# waits as Erlang C says; govsim check counts the Saturday windows and
# names the service day.
# Usage: sh t_saturday.sh GOVSIM TMPDIR (protocol: tests/e2e/run.sh).
govsim=$1
tmp=$2
. tests/e2e/lib.sh
scn=tests/scenarios/good/saturday.cfg

"$govsim" run "$scn" -r 4 -j 1 --progress none -o "$tmp/j1" --event-log "$tmp/ev.csv" \
    >/dev/null 2>"$tmp/err" || ko "run -j 1: $(head -2 "$tmp/err")"
"$govsim" run "$scn" -r 4 -j 2 --progress none -o "$tmp/j2" >/dev/null 2>"$tmp/err" ||
    ko "run -j 2: $(head -2 "$tmp/err")"
cmp -s "$tmp/j1/replications.csv" "$tmp/j2/replications.csv" && ok ||
    ko "Saturday service: -j 1 and -j 2 differ"

# the event log (day 0 a Monday): window service on Saturday mornings, and
# only in the hall's hours
python3 - "$tmp/ev.csv" <<'EOF' >"$tmp/log_check" 2>&1 && ok || ko "event log: $(cat "$tmp/log_check")"
import csv, datetime, sys
sat = sun = outside = weekday = 0
for r in csv.DictReader(open(sys.argv[1])):
    if r["activity"] != "intake" or r["lifecycle"] != "start" or r["channel"] != "counter":
        continue
    t = datetime.datetime.fromisoformat(r["timestamp"])
    minute = t.hour * 60 + t.minute
    if t.weekday() == 5:
        sat += 1
        outside += not (540 <= minute < 720)
    elif t.weekday() == 6:
        sun += 1
    else:
        weekday += 1
        outside += not (540 <= minute < 1020)
# 8 Saturdays x 4 replications; about 12 counter citizens a Saturday
if not (sat > 150 and weekday > 10 * sat and sun == 0 and outside == 0):
    sys.exit("Saturday %d, Sunday %d, weekdays %d, outside hours %d" % (sat, sun, weekday, outside))
EOF

# mean, ci_low, ci_high of KPI $2 of all cases in $1/summary.csv
kpi() {
    awk -F, -v k="$2" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $col["group"] == "all" && $col["kpi"] == k {
            print $col["mean"] "," $col["ci_low"] "," $col["ci_high"] }' "$1/summary.csv"
}
# do two estimates agree within twice their combined CI half-widths?
agree() {
    echo "$1 $2" | tr ',' ' ' | awk '{
        ha = ($3 - $2) / 2; hb = ($6 - $5) / 2; d = $1 - $4; if (d < 0) d = -d
        exit !(d <= 2 * sqrt(ha * ha + hb * hb) && $1 > 0) }'
}

# the same hall closed on Saturdays: the same demand
sed '/service_days/d; /roster = /d' "$scn" >"$tmp/closed.cfg"
grep -q service_days "$tmp/closed.cfg" && ko "closed copy still has service days"
"$govsim" run "$tmp/closed.cfg" -r 4 -j 2 --progress none -o "$tmp/closed" >/dev/null \
    2>"$tmp/err" || ko "closed run: $(head -2 "$tmp/err")"
a=$(kpi "$tmp/j2" arrival_rate)
b=$(kpi "$tmp/closed" arrival_rate)
[ -n "$a" ] && [ -n "$b" ] && agree "$a" "$b" && ok ||
    ko "arrival rate with a Saturday service ($a) differs from without ($b)"

# every counter citizen comes on Saturday (day_of_week), and the back
# office needs about 20 minutes: the limit of 0.2 working days (96
# minutes) counts from Monday 09:00, so nearly all keep it; had Saturday
# been a working day the 3 hours of Saturday after a 10:30 arrival would
# break it
cat >"$tmp/limit.cfg" <<'EOF'
scenario = { id = "limit"; name = "Saturday cases"; days = 56; warmup_days = 7; seed = 5L; };
calendar = { hours = ["09:00-17:00"]; workdays = [1, 2, 3, 4, 5];
             service_days = ( { days = "saturday"; hours = ["09:00-12:00"]; } ); };
regions = ( { id = "city"; } );
departments = ( { id = "office"; staff = 20; windows = 4; } );
services = (
  { id = "permit"; per_day = 10; online_share = 0; limit_days = 0.2;
    profile = { day_of_week = [0, 0, 0, 0, 0, 1, 0]; };
    steps = ( { id = "intake"; at = "office"; front = true; work = "exp(3)"; },
              { id = "review"; at = "office"; work = "exp(20)"; } ); }
);
EOF
"$govsim" run "$tmp/limit.cfg" -r 4 --progress none -o "$tmp/limit" >/dev/null 2>"$tmp/err" ||
    ko "Saturday cases run: $(head -2 "$tmp/err")"
within=$(kpi "$tmp/limit" within_limit_share | cut -d, -f1)
cycle=$(kpi "$tmp/limit" cycle_time | cut -d, -f1)
echo "$within $cycle" | awk '{ exit !($1 > 0.9 && $2 < 0.15) }' && ok ||
    ko "Saturday cases: within limit $within, cycle $cycle working days (expected > 0.9, < 0.15)"

# M/M/3 open only on Saturdays, all day: lambda = 5 x per_day / 1440 per
# minute (a week's demand on its one Saturday; 0.15), mu = 1/10, so rho =
# 0.5; the mean wait in line against Erlang C (each Saturday starts empty,
# but at rho = 0.5 the line relaxes in well under an hour of a 1440-minute
# day)
cat >"$tmp/mmc.cfg" <<'EOF'
scenario = { id = "mmc"; name = "M/M/3 on Saturdays"; days = 140; warmup_days = 7; seed = 9L; };
calendar = { hours = ["09:00-17:00"]; workdays = [1, 2, 3, 4, 5];
             service_days = ( { days = "saturday"; hours = ["00:00-24:00"]; } ); };
regions = ( { id = "city"; } );
departments = ( { id = "hall"; staff = 1; windows = 3; } );
services = (
  { id = "visit"; per_day = 43.2; online_share = 0; limit_days = 5;
    profile = { day_of_week = [0, 0, 0, 0, 0, 1, 0]; };
    steps = ( { id = "serve"; at = "hall"; front = true; work = "exp(10)"; } ); }
);
EOF
"$govsim" run "$tmp/mmc.cfg" -r 8 -j 2 --progress none -o "$tmp/mmc" >/dev/null 2>"$tmp/err" ||
    ko "M/M/3 run: $(head -2 "$tmp/err")"
w=$(kpi "$tmp/mmc" window_wait)
python3 - "$w" <<'EOF' >"$tmp/mmc_check" 2>&1 && ok || ko "M/M/3 on Saturdays: $(cat "$tmp/mmc_check")"
import math, sys
mean, lo, hi = map(float, sys.argv[1].split(","))
lam, mu, c = 5 * 43.2 / 1440, 0.1, 3
a = lam / mu
rho = a / c
tail = a**c / math.factorial(c) / (1 - rho)
erlang_c = tail / (sum(a**k / math.factorial(k) for k in range(c)) + tail)
wq = erlang_c / (c * mu - lam)
half = (hi - lo) / 2
if not abs(mean - wq) <= 2 * half + 0.05 * wq:
    sys.exit("wait %.3f [%.3f, %.3f], Erlang C %.3f" % (mean, lo, hi, wq))
EOF

# check: the Saturday window counts as capacity (2 windows x 480 minutes x
# 5 days + 1 x 180 a week: 0.2 x 4800/4980)
"$govsim" check "$scn" >"$tmp/out" 2>&1
"$govsim" check "$tmp/closed.cfg" >"$tmp/out_closed" 2>&1
f1=$(awk '$1 == "office" { print $3 }' "$tmp/out")
f0=$(awk '$1 == "office" { print $3 }' "$tmp/out_closed")
echo "$f1 $f0" | awk '{ exit !($1 > 0 && $1 < $2) }' && ok ||
    ko "check: front load with Saturday $f1, without $f0 (expected lower with)"
grep -q "service day Saturday (halls open, not a working day): 09:00-12:00; counter demand 1 " \
    "$tmp/out" && ok || ko "check does not name the Saturday service: $(head -5 "$tmp/out")"
grep -q "service day" "$tmp/out_closed" && ko "check names a service day the calendar lacks" || ok
echo "$pass $fail"
