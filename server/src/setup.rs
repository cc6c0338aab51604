//! First steps of a real installation from the console: the school itself and the first
//! accounts with their roles. Everything after that is done in the app by the admin and deputy.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};

use backend::entity::{account, municipality, role_assignment, school};
use backend::school_year;
use domain::policy::Role;

use crate::Error;

/// The IANA zones of Russia's regions: a school's deadlines fall due at its own midnight.
pub const RUSSIAN_TIMEZONES: [&str; 27] = [
    "Europe/Kaliningrad",
    "Europe/Moscow",
    "Europe/Simferopol",
    "Europe/Kirov",
    "Europe/Volgograd",
    "Europe/Astrakhan",
    "Europe/Saratov",
    "Europe/Ulyanovsk",
    "Europe/Samara",
    "Asia/Yekaterinburg",
    "Asia/Omsk",
    "Asia/Novosibirsk",
    "Asia/Barnaul",
    "Asia/Tomsk",
    "Asia/Novokuznetsk",
    "Asia/Krasnoyarsk",
    "Asia/Irkutsk",
    "Asia/Chita",
    "Asia/Yakutsk",
    "Asia/Khandyga",
    "Asia/Vladivostok",
    "Asia/Ust-Nera",
    "Asia/Magadan",
    "Asia/Sakhalin",
    "Asia/Srednekolymsk",
    "Asia/Kamchatka",
    "Asia/Anadyr",
];

pub struct NewSchool {
    pub short_name: String,
    pub full_name: String,
    pub municipality: String,
    pub timezone: String,
    pub is_shnor: bool,
}

/// Adds a school to its municipality (created when new) with the current school year.
pub async fn add_school(db: &DatabaseConnection, new: NewSchool) -> Result<school::Model, Error> {
    let short_name = new.short_name.trim().to_string();
    if short_name.is_empty() || new.full_name.trim().is_empty() {
        return Err(Error::Input(
            "Укажите краткое и полное наименование школы.".into(),
        ));
    }
    if !RUSSIAN_TIMEZONES.contains(&new.timezone.as_str()) {
        return Err(Error::Input(format!(
            "Часовой пояс «{}» не из списка часовых поясов России; пример: Europe/Moscow, Asia/Yekaterinburg.",
            new.timezone
        )));
    }
    let txn = db.begin().await?;
    if school::Entity::find()
        .filter(school::Column::ShortName.eq(&short_name))
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(Error::Input(format!("Школа «{short_name}» уже есть.")));
    }
    let municipality = match municipality::Entity::find()
        .filter(municipality::Column::Name.eq(new.municipality.trim()))
        .one(&txn)
        .await?
    {
        Some(m) => m,
        None => {
            municipality::ActiveModel {
                name: Set(new.municipality.trim().to_string()),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    let school = school::ActiveModel {
        municipality_id: Set(municipality.id),
        name: Set(new.full_name.trim().to_string()),
        short_name: Set(short_name),
        is_shnor: Set(new.is_shnor),
        is_shnsu: Set(false),
        timezone: Set(new.timezone),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let start = school_year::start_of(Utc::now().date_naive());
    school_year::create(&txn, school.id, start, false).await?;
    crate::curriculum::insert_catalog(&txn, school.id).await?;
    txn.commit().await?;
    Ok(school)
}

/// Gives an existing account a role: school-wide in `school` (short name), or municipal.
pub async fn grant(
    db: &impl ConnectionTrait,
    username: &str,
    role: Role,
    school: Option<&str>,
) -> Result<(), Error> {
    let account = account::Entity::find()
        .filter(account::Column::Username.eq(username.trim().to_lowercase()))
        .one(db)
        .await?
        .ok_or_else(|| Error::Input(format!("Учётной записи «{username}» нет.")))?;
    let school_name = school.ok_or_else(|| {
        Error::Input("Укажите школу: --school «краткое наименование», например «Школа № 5».".into())
    })?;
    let school = school::Entity::find()
        .filter(school::Column::ShortName.eq(school_name))
        .one(db)
        .await?
        .ok_or_else(|| {
            Error::Input(format!(
                "Школы «{school_name}» нет; её добавляет «mera school add»."
            ))
        })?;
    let (municipality_id, school_id) = match role {
        Role::Municipal => (Some(school.municipality_id), None),
        Role::ClassTeacher | Role::MoHead => return Err(Error::Input(
            "Классного руководителя и руководителя МО назначают в приложении, на экране настройки."
                .into(),
        )),
        _ => (None, Some(school.id)),
    };
    role_assignment::ActiveModel {
        account_id: Set(account.id),
        role: Set(role.code().into()),
        municipality_id: Set(municipality_id),
        school_id: Set(school_id),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
