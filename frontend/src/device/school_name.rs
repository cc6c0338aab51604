use gloo_storage::{LocalStorage, Storage};

use api::school::installation_name;

const KEY: &str = "mera.school_name";

/// The name to show in the header: the server's answer when it can be reached, otherwise the
/// last answer kept on the device, so the offline shell still says whose app it is.
pub async fn load() -> Option<String> {
    match installation_name().await {
        Ok(Some(name)) => {
            let _ = LocalStorage::set(KEY, &name);
            Some(name)
        }
        Ok(None) => {
            LocalStorage::delete(KEY);
            None
        }
        Err(_) => LocalStorage::get(KEY).ok(),
    }
}
