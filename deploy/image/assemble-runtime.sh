#!/usr/bin/env bash
# Assembles the root filesystem that the hub's image adds on top of an empty (scratch) base: a jlinked Java runtime,
# the glibc shared libraries it loads (copied from the build machine), and passwd/group entries for a non-root user.
# No registry and no container engine are involved: the Maven build (profile `image`) runs this script and Jib
# layers the result.
#
# usage: assemble-runtime.sh JDK_HOME OUTPUT_DIR
set -euo pipefail

jdk=$1
out=$2
runtime=/opt/java
# Modules the hub needs: java.desktop for java.beans (Spring), java.security.jgss and jdk.crypto.cryptoki for TLS
# providers, jdk.unsupported for Netty and Protobuf, jdk.management and jdk.jfr for Micrometer's JVM metrics.
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,\
java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,\
jdk.crypto.cryptoki,jdk.jfr,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs

rm -rf "$out"
mkdir -p "$out/opt" "$out/etc" "$out/tmp" "$out/var/lib/hub"

"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=zip-6 \
    --output "$out$runtime"

# A server has no display and no sound card: drop the parts of java.desktop that need X11 or ALSA, so that the
# image does not depend on which desktop libraries the build machine happens to have.
rm -f "$out$runtime"/lib/{libawt_xawt,libjawt,libsplashscreen,libjsound}.so

# Every shared library a file of the runtime links against, resolved as the build machine's loader resolves it.
# The runtime's own libraries are found through $ORIGIN; the rest (glibc) is copied to the same absolute path.
find "$out$runtime" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 |
    xargs -0 -n 1 ldd 2> /dev/null |
    awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' |
    grep -v "^$out" | sort -u |
    while read -r lib; do
        mkdir -p "$out$(dirname "$lib")"
        cp -L "$lib" "$out$lib"
    done
# libjvm.so is not on any search path, but it is always loaded before the libraries that name it.
for elf in "$out$runtime"/bin/* "$out$runtime"/lib/*.so "$out$runtime"/lib/server/libjvm.so; do
    missing=$(ldd "$elf" 2> /dev/null | grep 'not found' | grep -v 'libjvm\.so' || true)
    if [ -n "$missing" ]; then
        echo "unresolved libraries for $elf: $missing" >&2
        exit 1
    fi
done

# The non-root user the hub runs as (65532, the "nonroot" of distroless images).
cat > "$out/etc/passwd" << 'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
nonroot:x:65532:65532:hub:/var/lib/hub:/sbin/nologin
PASSWD
cat > "$out/etc/group" << 'GROUP'
root:x:0:
nonroot:x:65532:
GROUP
printf 'hosts: files dns\n' > "$out/etc/nsswitch.conf"

echo "runtime assembled in $out ($(du -sh "$out" | cut -f1))"
