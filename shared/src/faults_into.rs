//! Shared checks (`hidden_chars::shown_name`, `url_text`) return a fault; each field's error has
//! variants of the same names that word it for that field. `faults_into!` writes that `From`.

/// `faults_into!(NameFault => TeamNameError { Empty, ControlCharacter; Invisible, DirectionControl })`:
/// the variants before `;` carry nothing, those after carry one value.
macro_rules! faults_into {
    ($fault:ty => $error:ident { $($unit:ident),* ; $($carrying:ident),* }) => {
        impl From<$fault> for $error {
            fn from(fault: $fault) -> $error {
                type Fault = $fault;
                match fault {
                    $(Fault::$unit => $error::$unit,)*
                    $(Fault::$carrying(value) => $error::$carrying(value),)*
                }
            }
        }
    };
}

pub(crate) use faults_into;
