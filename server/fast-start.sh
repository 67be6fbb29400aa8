#!/usr/bin/env bash
# Prepares the fast-start layout of the server: the jar extracted (plain class path instead of
# Spring Boot's nested jars), an archive of what a start-up loads, and a launcher `<destination>/run`
# that starts from them. The archive depends on the JVM that runs this script (use the same JVM to
# start the server):
#   - Java 25+: an AOT cache (JEP 483/514/515): classes loaded *and linked*, plus the method profiles
#     of the training run, so the JIT starts from them. What the Docker image ships (Temurin 25).
#   - Java 17-24: a class data sharing (CDS) archive of the loaded classes.
#   server/fast-start.sh <sdoh-referral-hub.jar> <destination-folder>
#   <destination>/run [server arguments...]        (JAVA_OPTS are passed to the JVM)
# Use the same absolute destination path when running as when preparing (the archive checks the class
# path); with a stale or foreign archive the JVM just starts without it. Needs no database: the
# training run starts the server on the embedded default (H2 in a temporary folder) and exits.
set -euo pipefail
JAR="$(realpath "$1")"
DEST="$2"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
mkdir -p "$DEST"
DEST="$(realpath "$DEST")"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
FEATURE=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
# The training run uses JAVA_OPTS: give it the garbage collector the server will run with (an AOT
# cache made with another one is not used), but no metaspace limit (the archive is built in metaspace).
# shellcheck disable=SC2206
# It is a complete start-up on the embedded default, demo network included (the writes a start-up and
# the referral workflow make), that stops when ready.
TRAIN=($JAVA_OPTS -jar "$DEST/sdoh-referral-hub.jar" --sdoh.data-dir="$WORK/data" --server.port=0
  --sdoh.demo.enabled=true --sdoh.exit-when-ready=true)

rm -rf "$DEST/lib" "$DEST/sdoh-referral-hub.jar" "$DEST/app.jsa" "$DEST/app.aot" "$DEST/app.aot.config" "$DEST/run"
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$DEST"
if [ "$FEATURE" -ge 25 ]; then
  ARCHIVE="$DEST/app.aot"
  "$JAVA" -XX:AOTCacheOutput="$ARCHIVE" "${TRAIN[@]}" > "$WORK/training.log" 2>&1 \
    || { tail -50 "$WORK/training.log"; exit 1; }
  START_FLAG="-XX:AOTCache=$ARCHIVE"
else
  ARCHIVE="$DEST/app.jsa"
  "$JAVA" -XX:DumpLoadedClassList="$WORK/classes.lst" "${TRAIN[@]}" > "$WORK/training.log" 2>&1 \
    || { tail -50 "$WORK/training.log"; exit 1; }
  # JDK 17 crashes dumping archived lambda proxies (SystemDictionaryShared::adjust_lambda_proxy_class_dictionary):
  # leave them out; every named class is still archived.
  grep -v '^@lambda' "$WORK/classes.lst" > "$WORK/classes-without-lambdas.lst"
  "$JAVA" -Xshare:dump -XX:SharedClassListFile="$WORK/classes-without-lambdas.lst" \
    -XX:SharedArchiveFile="$ARCHIVE" -cp "$DEST/sdoh-referral-hub.jar" > "$WORK/dump.log" 2>&1 \
    || { tail -50 "$WORK/dump.log"; exit 1; }
  START_FLAG="-XX:SharedArchiveFile=$ARCHIVE"
fi
cat > "$DEST/run" <<RUN
#!/bin/sh
# Starts the server from the fast-start layout prepared by server/fast-start.sh (Java $FEATURE).
exec "$JAVA" \$JAVA_OPTS $START_FLAG -jar "$DEST/sdoh-referral-hub.jar" "\$@"
RUN
chmod +x "$DEST/run"
echo "Fast start for Java $FEATURE: $ARCHIVE ($(du -h "$ARCHIVE" | cut -f1)); start with: $DEST/run [arguments]"
