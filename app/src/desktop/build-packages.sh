#!/bin/sh
# Builds the workstation's desktop packages from the plain distribution (app/target/patchbay, made by the assembly):
#   app/target/jpackage/patchbay/                  the app image: jpackage's launcher and its own jlinked runtime
#   app/target/patchbay-VERSION-linux-x64.tar.gz   that image, for Linux systems without dpkg
#   app/target/patchbay_DEBVERSION_amd64.deb       the image under /opt/patchbay, `patchbay` on the PATH, the desktop
#                                                  entry, icon, the .kit MIME type, man pages and shell completion
# Called by app's pom (profile desktop-package) as: build-packages.sh TARGET_DIR MAVEN_VERSION JAVA_HOME
# Why an own runtime rather than a dependency on the distribution's Java: see the commit that added this file.
set -eu

target=$1
version=$2
java_home=$3
here=$(cd "$(dirname "$0")" && pwd)

# jpackage wants a plain N.N.N; Debian sorts 0.1.0~SNAPSHOT before the release 0.1.0 (as the agent's package does).
numeric=${version%%-*}
debversion=$(printf '%s' "$version" | sed 's/-/~/')
# The modules the jars need (jdeps --print-module-deps over app/target/patchbay/lib), plus what is loaded as a
# service and so invisible to jdeps: EC and Ed25519 keys (jdk.crypto.ec), ZIP file systems, extra charsets.
modules=java.base,java.compiler,java.desktop,java.instrument,java.management,java.naming,java.net.http,java.prefs,\
java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,jdk.jfr,jdk.jsobject,jdk.net,jdk.unsupported,\
jdk.xml.dom,jdk.crypto.ec,jdk.zipfs,jdk.charsets

image=$target/jpackage
app=$image/patchbay
root=$target/deb
rm -rf "$image" "$root" "$target"/patchbay_*_amd64.deb "$target"/patchbay-*-linux-x64.tar.gz

"$java_home/bin/jpackage" --type app-image --name patchbay --dest "$image" \
  --input "$target/patchbay/lib" --main-jar "patchbay-app-$version.jar" --main-class io.patchbay.app.Main \
  --app-version "$numeric" --icon "$here/patchbay.png" \
  --description "Build signed patch kits and roll them out to customer sites" \
  --add-modules "$modules" \
  --jlink-options "--strip-debug --no-man-pages --no-header-files --compress=2"

# The distribution's own launcher replaces jpackage's, so the image starts as the plain distribution does: the
# one-off commands' JVM options, and class-data sharing from an archive in the user's cache, made from
# lib/app/patchbay.classlist on first use (the build's lib/patchbay.jsa maps only at the path it was made at). It runs
# the image's own Java, lib/runtime/bin/java (kept: no --strip-native-commands).
cp "$target/patchbay/bin/patchbay" "$app/bin/patchbay"
rm -f "$app/lib/app/patchbay.jsa" "$app/lib/app/patchbay.jsa.where" "$app/lib/app/patchbay.cfg"

# The desktop files live inside the image too, so the tarball carries them (share/ as under /usr).
mkdir -p "$app/share/applications" "$app/share/icons/hicolor/scalable/apps" "$app/share/icons/hicolor/256x256/apps" \
  "$app/share/mime/packages"
cp "$here/patchbay.desktop" "$app/share/applications/patchbay.desktop"
cp "$here/patchbay.svg" "$app/share/icons/hicolor/scalable/apps/patchbay.svg"
cp "$here/patchbay.png" "$app/share/icons/hicolor/256x256/apps/patchbay.png"
cp "$here/patchbay-kit.xml" "$app/share/mime/packages/patchbay.xml"
# Man pages and shell completion, when the command-line build generated them into the distribution.
if [ -d "$target/patchbay/share" ]; then
  cp -R "$target/patchbay/share/." "$app/share/"
fi
chmod -R u+rwX,go+rX,go-w "$app"

tar --owner=0 --group=0 --numeric-owner -C "$image" -czf "$target/patchbay-$version-linux-x64.tar.gz" patchbay

# The .deb: the image under /opt/patchbay; what the desktop and the shells look for under /usr.
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/icons/hicolor/scalable/apps" "$root/usr/share/icons/hicolor/256x256/apps" "$root/usr/share/mime/packages"
cp -a "$app" "$root/opt/patchbay"
ln -s /opt/patchbay/bin/patchbay "$root/usr/bin/patchbay"
cp "$app/share/applications/patchbay.desktop" "$root/usr/share/applications/"
cp "$app/share/icons/hicolor/scalable/apps/patchbay.svg" "$root/usr/share/icons/hicolor/scalable/apps/"
cp "$app/share/icons/hicolor/256x256/apps/patchbay.png" "$root/usr/share/icons/hicolor/256x256/apps/"
cp "$app/share/mime/packages/patchbay.xml" "$root/usr/share/mime/packages/"
if ls "$app"/share/man/man1/*.1 >/dev/null 2>&1; then
  mkdir -p "$root/usr/share/man/man1"
  for page in "$app"/share/man/man1/*.1; do
    gzip -9n -c "$page" > "$root/usr/share/man/man1/$(basename "$page").gz"
  done
fi
if [ -f "$app/share/bash-completion/completions/patchbay" ]; then
  mkdir -p "$root/usr/share/bash-completion/completions"
  cp "$app/share/bash-completion/completions/patchbay" "$root/usr/share/bash-completion/completions/patchbay"
fi
if [ -f "$app/share/zsh/site-functions/_patchbay" ]; then
  mkdir -p "$root/usr/share/zsh/vendor-completions"
  cp "$app/share/zsh/site-functions/_patchbay" "$root/usr/share/zsh/vendor-completions/_patchbay"
fi
# The desktop's MIME and menu caches are refreshed by shared-mime-info's and desktop-file-utils' dpkg triggers on
# these folders: the package needs no maintainer scripts.
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$debversion/" -e "s/@SIZE@/$size/" "$here/control" > "$root/DEBIAN/control"
chmod -R u+rwX,go+rX,go-w "$root"
dpkg-deb --root-owner-group -Zgzip -z6 --build "$root" "$target/patchbay_${debversion}_amd64.deb" >/dev/null
