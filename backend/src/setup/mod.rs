//! Setting up a school's year: its classes, its student list from a file, and moving or letting
//! go of a student.

pub mod class_setup;
pub mod student_import;
pub mod student_move;
