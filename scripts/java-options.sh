# Sourced by scripts/run.sh and the benches: the JVM options the server runs with, in one place.
#
# arus_java_options prints the defaults, then ARUS_JAVA_OPTS, so a user's option wins over a default. The default
# collector is the serial one, with a young generation half the heap and survivor spaces a sixth of it each: the
# batches in flight (a few MiB each, see batch_memory_mb) then die young instead of being promoted, and the heap in
# use stays near what is live. G1, which the JVM picks by itself on a machine of 2 cores and more, grows a capped
# heap to its cap under that churn: a 10,000,000-row PostgreSQL -> PostgreSQL refresh at -Xmx256m peaked at
# 458-468 MB resident with G1 and at 346 MB with these (bench/memory.sh). Naming a collector in ARUS_JAVA_OPTS
# (-XX:+UseG1GC, -XX:+UseParallelGC...) drops these defaults.
#
# The framework keeps its bundle cache (about 280 MB, every bundle of the jar installed afresh at each start) in
# ARUS_DATA_DIR/framework, not in a new temporary folder per start: the launcher removes a temporary one when the
# server stops cleanly, but a kill -9, a crash or the OOM killer left 280 MB behind in /tmp every time. In the data
# folder it is one cache per server, cleared and filled again at the next start. A launch.storage.dir in
# ARUS_JAVA_OPTS wins.
arus_java_options() {
  local defaults="-XX:+UseSerialGC -XX:NewRatio=1 -XX:SurvivorRatio=4"
  case " ${ARUS_JAVA_OPTS:-} " in
    *-XX:+Use*GC*) defaults= ;;
  esac
  echo "$defaults -Dlaunch.storage.dir=${ARUS_DATA_DIR:-data}/framework ${ARUS_JAVA_OPTS:-}"
}
