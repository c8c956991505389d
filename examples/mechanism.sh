#!/usr/bin/env bash
# A worked example of the monitoring mechanism on the bundled reports' store: accounts for each role, a few
# allegations taken from submission to a published finding, a hotline call and a joint patrol, then the
# table of violations claimed against those verified. The allegations, the call and the patrol are an
# EXERCISE, invented to show the workflow; they are not claims anyone made.
#
#   examples/mechanism.sh STORE.db       (a store made by `ceasefire ingest examples/reports`; it is copied)
set -euo pipefail
BIN="$(dirname "$0")/../.venv/bin"
DB="$(dirname "$1")/mechanism-example.db"
cp "$1" "$DB"
rm -f "$DB-wal" "$DB-shm"
export CEASEFIRE_PASSWORD="exercise-only-password"   # every account of the exercise shares it
cf() { "$BIN/ceasefire" "$@" --db "$DB"; }

AGREEMENT=$("$BIN/ceasefire" status --db "$DB" --agreement Doha --json \
            | "$BIN/python" -c 'import json, sys; print(json.load(sys.stdin)["agreements"][0]["id"])')

# Who gets which account: one liaison per party, the monitors, the chair, an observer.
cf mechanism add-account af-liaison --role liaison --party Afghanistan
cf mechanism add-account pk-liaison --role liaison --party Pakistan
cf mechanism add-account monitor-1 --role monitor
cf mechanism add-account chair --role chair
cf mechanism add-account observer --role observer

# The chair records what the agreement prohibits.
cf mechanism terms "$AGREEMENT" --user chair --prohibit shelling --prohibit air_strike --prohibit fighting

# Each side's liaison submits what its side alleges.
A1=$(cf mechanism allege --user af-liaison --agreement "$AGREEMENT" --alleged-by Afghanistan --against Pakistan \
     --on 2025-10-24 --category shelling --observed heard --place "Spin Boldak" --lat 31.005 --lon 66.40 \
     --description "Exercise: mortar fire heard near the crossing at night.")
A2=$(cf mechanism allege --user pk-liaison --agreement "$AGREEMENT" --alleged-by Pakistan --against Afghanistan \
     --on 2025-10-26 --category fighting --observed seen --place Chaman --lat 30.92 --lon 66.45 \
     --description "Exercise: small-arms fire on a border post.")
A3=$(cf mechanism allege --user af-liaison --agreement "$AGREEMENT" --alleged-by Afghanistan --against Pakistan \
     --on 2025-10-28 --category air_strike --observed third_party --place Barmal \
     --description "Exercise: a drone seen over the district by villagers.")

# A call on the hotline about the first, and its answer.
CALL=$(cf mechanism hotline log --user af-liaison --at 2025-10-24T22:40 --from Afghanistan --to Pakistan \
       --channel phone --subject "Exercise: fire near Spin Boldak" --allegation "$A1")
cf mechanism hotline respond "$CALL" --user monitor-1 --at 2025-10-24T23:05 \
   --response "Exercise: the other side says its posts held fire and will check."

# The monitors investigate; a joint patrol visits the crossing.
for A in "$A1" "$A2" "$A3"; do cf mechanism investigate "$A" --user monitor-1 --note "Exercise: team assigned"; done
cf mechanism patrol log --user monitor-1 --date 2025-10-27 --allegation "$A1" \
   --participants '{"Afghanistan": ["liaison officer"], "Pakistan": ["liaison officer"], "Monitors": ["team 2"]}' \
   --observations "Exercise: fresh impact marks at two sites near the crossing." --findings "Exercise: consistent with mortar fire."

# The chair rules on each and publishes.
cf mechanism rule "$A1" --user chair --outcome substantiated --attribution Pakistan \
   --finding "Exercise: impact marks and fragments consistent with mortar fire from across the border."
cf mechanism rule "$A2" --user chair --outcome not_substantiated --finding "Exercise: no trace of fire found at the post."
cf mechanism rule "$A3" --user chair --outcome unable_to_verify --reason "Exercise: no access to the district" \
   --finding "Exercise: the team could not reach the villages."
for A in "$A1" "$A2" "$A3"; do cf mechanism publish "$A" --user chair; done

echo
echo "== Violations claimed against those verified (the exercise)"
cf mechanism table --user observer
cf audit verify
