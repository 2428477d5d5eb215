/* Offline copy of one language of the guide (issue 25). A theme file (overrides/), so it is
   served from the site's root and its scope is the site alone. It reads the per-language
   manifests the build writes (offline/<language>.json: address -> content digest, made by
   mdbabel.offline).

   - Every request of the site goes to the network first; only when that fails is it answered
     from the copy: online, a reader always sees the current build, never a mix.
   - "keep" (a message from assets/offline.js) fetches the language's manifest and
     builds a new copy beside the old one: unchanged files are taken from the old copy, the
     others fetched and checked against their digest. Only a complete, checked copy replaces
     the old one, which is then deleted with the files the new build no longer has.
   - A page answered from the copy carries the date of the copy (data-mdbabel-copy on <html>),
     which assets/offline.js shows in the page's language. */
"use strict";

const ROOT = new URL("./", self.location).pathname;
const PREFIX = "mdbabel-offline-";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function digest(response) {
  return hex(await crypto.subtle.digest("SHA-256", await response.clone().arrayBuffer())).slice(0, 16);
}

function manifestUrl(language) {
  return ROOT + "offline/" + encodeURIComponent(language) + ".json";
}

async function copiesOf(language) {
  const prefix = PREFIX + language + "-";
  return (await caches.keys()).filter((name) => name.startsWith(prefix));
}

async function keep(language) {
  const response = await fetch(manifestUrl(language), { cache: "no-cache" });
  if (!response.ok) throw new Error("manifest " + response.status);
  const manifest = await response.json();
  const name = PREFIX + language + "-" + manifest.version;
  const existing = await copiesOf(language);
  if (existing.includes(name) && (await (await caches.open(name)).match(manifestUrl(language)))) {
    return { version: manifest.version, fetched: 0 };
  }
  const old = existing.length ? await caches.open(existing[0]) : null;
  const oldManifest = old ? await old.match(manifestUrl(language)) : null;
  const oldFiles = oldManifest ? (await oldManifest.json()).files || {} : {};
  await caches.delete(name); // an unfinished attempt
  const fresh = await caches.open(name);
  let fetched = 0;
  try {
    for (const [path, expected] of Object.entries(manifest.files)) {
      const url = ROOT + path;
      if (old && oldFiles[path] === expected) {
        const kept = await old.match(url);
        if (kept) {
          await fresh.put(url, kept);
          continue;
        }
      }
      const file = await fetch(url, { cache: "no-cache" });
      if (!file.ok || (await digest(file)) !== expected) throw new Error("changed during download: " + path);
      await fresh.put(url, file);
      fetched += 1;
    }
    const saved = Object.assign({}, manifest, { saved: new Date().toISOString() });
    // written last: a copy without its manifest is unfinished and never used
    await fresh.put(manifestUrl(language), new Response(JSON.stringify(saved),
      { headers: { "Content-Type": "application/json" } }));
  } catch (error) {
    await caches.delete(name);
    throw error;
  }
  for (const other of existing) if (other !== name) await caches.delete(other);
  return { version: manifest.version, fetched };
}

async function asCopy(found, saved, status) {
  // the date of the copy on <html>, for offline.js (an ISO date: nothing else passes)
  const html = (await found.text()).replace(/<html\b/, '<html data-mdbabel-copy="' + String(saved || "").replace(/[^0-9TZ:.-]/g, "") + '"');
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

async function fromCopy(request) {
  const url = new URL(request.url);
  let path = url.pathname;
  if (path.endsWith("/")) path += "index.html";
  let notFound = null; // the 404 page of the copy whose language folder is the longest match
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX)) continue;
    const copy = await caches.open(name);
    const language = name.slice(PREFIX.length).replace(/-[0-9a-f]+$/, "");
    const manifestResponse = await copy.match(manifestUrl(language));
    if (!manifestResponse) continue; // unfinished
    const manifest = await manifestResponse.json();
    const found = await copy.match(path);
    if (found) return request.mode === "navigate" ? asCopy(found, manifest.saved, 200) : found;
    const folder = ROOT + (manifest.prefix || "");
    if (request.mode === "navigate" && path.startsWith(folder) && (!notFound || folder.length > notFound.folder.length)) {
      const page = await copy.match(folder + "404.html");
      if (page) notFound = { folder, page, saved: manifest.saved };
    }
  }
  return notFound ? asCopy(notFound.page, notFound.saved, 404) : Response.error();
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin || !url.pathname.startsWith(ROOT)) return;
  event.respondWith(fetch(event.request).catch(() => fromCopy(event.request)));
});

// One "keep" at a time: two pages opened quickly one after the other would otherwise build
// the same copy at once.
let queue = Promise.resolve();

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "keep" || typeof data.language !== "string") return;
  const reply = (message) => event.source && event.source.postMessage(Object.assign({ type: "kept", language: data.language }, message));
  const done = queue.then(() => keep(data.language)).then((result) => reply(result), (error) => reply({ error: String(error) }));
  queue = done;
  event.waitUntil(done);
});
