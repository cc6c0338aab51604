//! The app shell: the one HTML page served for every route, and the service worker that keeps it
//! (and the wasm, js, css, manifest and icons) on the device for offline use.
//!
//! Asset URLs carry a content hash (`/pkg/mera.wasm?v=…`), computed here at start-up from the
//! files themselves, so they can be cached for a year; the service worker's version is a hash of
//! everything it caches, so any new build installs a new worker and drops the old cache.

use std::path::Path;

use base64::{engine::general_purpose::STANDARD as BASE64, Engine};
use sha2::{Digest, Sha256};

use crate::Error;

/// The cargo-leptos output name (`name` in the workspace's leptos metadata).
pub const OUTPUT_NAME: &str = "mera";

/// Files in the site root that belong to the shell besides the hashed bundle.
const STATIC_SHELL_FILES: [&str; 4] = [
    "manifest.webmanifest",
    "icons/icon-192.png",
    "icons/icon-512.png",
    "icons/favicon.png",
];

#[derive(Clone, Debug)]
pub struct Shell {
    /// The page sent for every app route.
    pub html: String,
    /// The `sha256-…` source of the inline boot script, for the CSP.
    pub boot_script_hash: String,
    /// The service worker script.
    pub service_worker: String,
    /// The version shared by the page and its service worker.
    pub version: String,
}

struct Bundle {
    js: String,
    wasm: String,
    css: String,
}

impl Shell {
    /// Reads the built site and prepares the page and the service worker.
    pub fn load(site_root: &Path) -> Result<Shell, Error> {
        let pkg = site_root.join("pkg");
        let (wasm_name, wasm) = [
            format!("{OUTPUT_NAME}.wasm"),
            format!("{OUTPUT_NAME}_bg.wasm"),
        ]
        .into_iter()
        .find_map(|name| {
            std::fs::read(pkg.join(&name))
                .ok()
                .map(|bytes| (name, bytes))
        })
        .ok_or_else(|| Error::Site(format!("{}/{OUTPUT_NAME}.wasm", pkg.display())))?;
        let read = |name: &str| {
            std::fs::read(site_root.join(name))
                .map_err(|_| Error::Site(site_root.join(name).display().to_string()))
        };
        let js = read(&format!("pkg/{OUTPUT_NAME}.js"))?;
        let css = read(&format!("pkg/{OUTPUT_NAME}.css"))?;
        let bundle = Bundle {
            js: format!("/pkg/{OUTPUT_NAME}.js?v={}", short_hash(&[&js])),
            wasm: format!("/pkg/{wasm_name}?v={}", short_hash(&[&wasm])),
            css: format!("/pkg/{OUTPUT_NAME}.css?v={}", short_hash(&[&css])),
        };
        let mut static_files = Vec::new();
        for name in STATIC_SHELL_FILES {
            static_files.push(read(name)?);
        }

        let boot = boot_script(&bundle);
        let boot_script_hash = format!("sha256-{}", BASE64.encode(Sha256::digest(boot.as_bytes())));
        let html = page(&bundle, &boot);
        let mut parts: Vec<&[u8]> = vec![html.as_bytes()];
        parts.extend(static_files.iter().map(Vec::as_slice));
        let version = short_hash(&parts);

        let mut precache = vec!["/".to_string(), bundle.js, bundle.wasm, bundle.css];
        precache.extend(STATIC_SHELL_FILES.iter().map(|f| format!("/{f}")));
        let service_worker = service_worker(&version, &precache);
        Ok(Shell {
            html,
            boot_script_hash,
            service_worker,
            version,
        })
    }
}

/// Registers the service worker and checks for a new version at every start and every hour
/// (tablets keep the app open for days), then starts the wasm app.
fn boot_script(bundle: &Bundle) -> String {
    format!(
        "if (\"serviceWorker\" in navigator) navigator.serviceWorker.register(\"/sw.js\")\
         .then(r => {{ r.update(); setInterval(() => r.update(), 3600000); }});\
         import(\"{js}\").then(m => m.default({{ module_or_path: \"{wasm}\" }}).then(() => m.mount()));",
        js = bundle.js,
        wasm = bundle.wasm
    )
}

fn page(bundle: &Bundle, boot: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>Мера</title>
<meta name="description" content="Мера — внутренняя система оценки качества образования школы">
<meta name="theme-color" content="{theme}">
<link rel="manifest" href="/manifest.webmanifest">
<link rel="icon" type="image/png" href="/icons/favicon.png">
<link rel="apple-touch-icon" href="/icons/icon-192.png">
<link rel="stylesheet" href="{css}">
<link rel="modulepreload" href="{js}">
<link rel="preload" href="{wasm}" as="fetch" type="application/wasm" crossorigin>
<script type="module">{boot}</script>
</head>
<body>
<noscript>Для работы Меры нужен браузер с включённым JavaScript.</noscript>
</body>
</html>
"#,
        theme = THEME_COLOR,
        css = bundle.css,
        js = bundle.js,
        wasm = bundle.wasm,
    )
}

/// The header colour, also in the manifest and the stylesheet.
pub const THEME_COLOR: &str = "#1d4e89";

fn service_worker(version: &str, precache: &[String]) -> String {
    let list = serde_json::to_string(precache).expect("a list of strings serialises");
    include_str!("sw.js")
        .replace("__VERSION__", version)
        .replace("__PRECACHE__", &list)
}

fn short_hash(parts: &[&[u8]]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests;
