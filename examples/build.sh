#!/bin/sh
# Used by ci-job.yaml: checks the data file and prints a summary.
set -eu
lines=$(wc -l < /sandbox/data/words.txt)
echo "words.txt has $lines lines"
test "$lines" -ge 3
grep -q shellbus /sandbox/data/words.txt && echo "test passed"
