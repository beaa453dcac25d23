//! `postmortem schema`: the JSON Schemas the tool runs, for editors.

use crate::cli::{SchemaArgs, SchemaWhich};
use crate::load::schema::{CONFIG_SCHEMA, INCIDENT_SCHEMA};

use super::{Failure, write_stdout};

pub fn run(args: SchemaArgs) -> Result<(), Failure> {
    write_stdout(match args.which {
        SchemaWhich::Incident => INCIDENT_SCHEMA,
        SchemaWhich::Config => CONFIG_SCHEMA,
    })
}
