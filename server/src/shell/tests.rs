use std::path::PathBuf;

use super::*;

/// A built site with stand-in bytes: enough for the shell, which only hashes and links them.
fn site(tag: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("mera-shell-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("pkg")).unwrap();
    std::fs::create_dir_all(root.join("icons")).unwrap();
    for (name, body) in [
        ("pkg/mera.js", "export default function init() {}"),
        ("pkg/mera.wasm", "\0asm"),
        ("pkg/mera.css", "body { color: black }"),
        ("manifest.webmanifest", "{}"),
        ("icons/icon-192.png", "png192"),
        ("icons/icon-512.png", "png512"),
        ("icons/favicon.png", "png32"),
    ] {
        std::fs::write(root.join(name), body).unwrap();
    }
    root
}

#[test]
fn the_page_is_russian_and_links_hashed_assets() {
    let root = site("page");
    let shell = Shell::load(&root).unwrap();
    assert!(shell.html.contains(r#"<html lang="ru">"#));
    assert!(shell
        .html
        .contains(r#"<link rel="manifest" href="/manifest.webmanifest">"#));
    for asset in ["/pkg/mera.js?v=", "/pkg/mera.wasm?v=", "/pkg/mera.css?v="] {
        assert!(shell.html.contains(asset), "{asset} missing from the page");
        assert!(
            shell.service_worker.contains(asset),
            "{asset} not precached"
        );
    }
    std::fs::remove_dir_all(root).unwrap();
}

#[test]
fn the_csp_hash_matches_the_inline_boot_script() {
    let root = site("csp");
    let shell = Shell::load(&root).unwrap();
    let start = shell.html.find(r#"<script type="module">"#).unwrap() + 22;
    let end = shell.html[start..].find("</script>").unwrap() + start;
    let digest = Sha256::digest(&shell.html.as_bytes()[start..end]);
    assert_eq!(
        shell.boot_script_hash,
        format!("sha256-{}", BASE64.encode(digest))
    );
    std::fs::remove_dir_all(root).unwrap();
}

#[test]
fn any_changed_file_gives_a_new_version_and_worker() {
    let root = site("version");
    let before = Shell::load(&root).unwrap();
    assert_eq!(Shell::load(&root).unwrap().version, before.version);
    std::fs::write(root.join("pkg/mera.css"), "body { color: navy }").unwrap();
    let after = Shell::load(&root).unwrap();
    assert_ne!(after.version, before.version);
    assert_ne!(after.service_worker, before.service_worker);
    std::fs::write(root.join("icons/icon-512.png"), "new icon").unwrap();
    assert_ne!(Shell::load(&root).unwrap().version, after.version);
    std::fs::remove_dir_all(root).unwrap();
}

#[test]
fn a_missing_build_is_a_clear_error() {
    let root = site("missing");
    std::fs::remove_file(root.join("pkg/mera.wasm")).unwrap();
    let err = Shell::load(&root).unwrap_err();
    assert!(err.to_string().contains("make build"), "{err}");
    std::fs::remove_dir_all(root).unwrap();
}
