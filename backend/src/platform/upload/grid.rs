//! A sheet as readers see it, and the bounds every cell is checked against before the sheet's
//! grid is built.

use crate::platform::upload::Limits;

/// One sheet: its name (empty for CSV) and its rows from the first row and column that hold a
/// value, every row as wide as the widest, cells as trimmed text (whole numbers without «.0»).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
    /// Where `rows[0][0]` is in the sheet (row, column from 0), for a writer that puts values
    /// back into the same file.
    pub origin: (u32, u32),
}

/// Counts what a file really holds, cell by cell, and stops at the first bound it passes.
pub struct Bounds<'a> {
    limits: &'a Limits,
    cells: u64,
    /// (first row, last row, first column, last column) of this sheet's values.
    extent: Option<(u64, u64, u64, u64)>,
}

impl<'a> Bounds<'a> {
    pub fn new(limits: &'a Limits) -> Bounds<'a> {
        Bounds {
            limits,
            cells: 0,
            extent: None,
        }
    }

    /// The next sheet of the same file: its own extent, the file's cell count.
    pub fn next_sheet(&mut self) {
        self.extent = None;
    }

    /// A cell at `(row, column)`, counted towards the grid only when it holds a value.
    pub fn cell(&mut self, row: u64, column: u64, has_value: bool) -> Result<(), String> {
        self.position(row, column)?;
        if !has_value {
            return Ok(());
        }
        self.cells += 1;
        if self.cells > self.limits.max_cells {
            return Err(format!(
                "В файле больше {} заполненных ячеек: это слишком много для одной загрузки. \
                 Разделите файл на части.",
                self.limits.max_cells
            ));
        }
        let (r0, r1, c0, c1) = self.extent.unwrap_or((row, row, column, column));
        let extent = (r0.min(row), r1.max(row), c0.min(column), c1.max(column));
        self.extent = Some(extent);
        self.area((extent.1 - extent.0 + 1) * (extent.3 - extent.2 + 1))
    }

    /// A position the file names (a cell, or the corner of the range it declares).
    pub fn position(&self, row: u64, column: u64) -> Result<(), String> {
        if row >= u64::from(self.limits.max_rows) {
            return Err(format!(
                "В файле больше {} строк (ячейка в строке {}): это не похоже на таблицу одной \
                 школы. Удалите лишние строки или разделите файл.",
                self.limits.max_rows,
                row + 1
            ));
        }
        if column >= u64::from(self.limits.max_columns) {
            return Err(format!(
                "В файле больше {} столбцов (ячейка в столбце {}): удалите лишние столбцы и \
                 сохраните файл снова.",
                self.limits.max_columns,
                column + 1
            ));
        }
        Ok(())
    }

    /// The grid a sheet of `cells` cells (empty ones included) would take.
    pub fn area(&self, cells: u64) -> Result<(), String> {
        if cells > self.limits.max_area {
            return Err(format!(
                "Таблица в файле занимает больше {} ячеек вместе с пустыми: удалите лишние \
                 строки и столбцы (или данные, вынесенные далеко за таблицу) и сохраните снова.",
                self.limits.max_area
            ));
        }
        Ok(())
    }
}

/// Builds a sheet from its cells with values, already checked by [`Bounds`].
pub fn from_cells(name: String, cells: Vec<(u32, u32, String)>) -> Sheet {
    let Some(first_row) = cells.iter().map(|c| c.0).min() else {
        return Sheet {
            name,
            rows: Vec::new(),
            origin: (0, 0),
        };
    };
    let first_column = cells.iter().map(|c| c.1).min().unwrap_or(0);
    let height = cells.iter().map(|c| c.0 - first_row + 1).max().unwrap_or(0);
    let width = cells
        .iter()
        .map(|c| c.1 - first_column + 1)
        .max()
        .unwrap_or(0);
    let mut rows = vec![vec![String::new(); width as usize]; height as usize];
    for (row, column, text) in cells {
        rows[(row - first_row) as usize][(column - first_column) as usize] = text;
    }
    Sheet {
        name,
        rows,
        origin: (first_row, first_column),
    }
}

/// A spreadsheet value as the person typed it: text trimmed, whole numbers without «.0».
pub fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string().trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_far_cell_is_refused_before_any_grid_is_built() {
        let limits = Limits::STUDENT_LIST;
        let mut bounds = Bounds::new(&limits);
        bounds.cell(0, 0, true).unwrap();
        assert!(bounds
            .cell(1_048_575, 0, true)
            .unwrap_err()
            .contains("строк"));
        assert!(bounds
            .cell(0, 16_383, true)
            .unwrap_err()
            .contains("столбцов"));
        // Inside the row and column bounds, but the corner makes the grid too large.
        let small = Limits {
            max_area: 1_000,
            ..limits
        };
        let mut bounds = Bounds::new(&small);
        bounds.cell(0, 0, true).unwrap();
        bounds.cell(999, 0, true).unwrap();
        assert!(bounds.cell(999, 1, true).unwrap_err().contains("пустыми"));
    }

    #[test]
    fn a_sheet_starts_at_its_first_value() {
        let sheet = from_cells(
            "Лист1".into(),
            vec![(2, 1, "ФИО".into()), (3, 2, "5А".into())],
        );
        assert_eq!(sheet.rows, vec![vec!["ФИО", ""], vec!["", "5А"]]);
    }
}
