//! Files a user names, read and written with care. Reading takes ordinary files only, up to a
//! size: a pipe, a device or a folder is refused at once instead of blocking or reading
//! forever. Writing is atomic and respects what the user has: a symbolic link is followed and
//! its real file updated, permissions and owner are kept, a read-only file is refused, and
//! temporary files left by earlier crashed saves are cleared away.

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Read as _, Seek as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The start and end of the names of the temporary files a save writes beside its target.
const TEMP_PREFIX: &str = ".icsmap-";
const TEMP_SUFFIX: &str = ".tmp";
/// Random characters between them (the `tempfile` crate's default).
const TEMP_RANDOM_LEN: usize = 6;
/// A temporary file younger than this may belong to a save running right now (in another
/// window or process); only older ones are treated as left over from a crash. A save takes
/// well under a second even for the national model, so ten minutes leaves room for the
/// slowest network drive.
const STALE_AFTER: Duration = Duration::from_secs(600);
/// Symbolic links followed before giving up (Linux's own limit).
const MAX_LINK_HOPS: usize = 40;

/// Why a file the user named could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReadError {
    /// A folder, pipe, device or socket: reading it could block or never end.
    #[error("this is {0}, not a file; icsmap reads only ordinary files")]
    NotAFile(&'static str),
    /// Larger than the reader takes.
    #[error("the file is {size} bytes; at most {limit} bytes are read")]
    TooLarge {
        /// Its size in bytes (or as much as was read before giving up).
        size: u64,
        /// The most that is read.
        limit: u64,
    },
    /// The system could not read it (the reason in the user's words).
    #[error("cannot read the file: {0}")]
    Io(String),
}

/// What kind of thing `meta` describes, in words, for a refusal.
fn kind_in_words(meta: &Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return "a pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not an ordinary file"
}

/// An operating-system error in the user's words (no "os error 13").
pub fn io_in_words(e: &io::Error) -> String {
    // A message this program wrote is already in the user's words.
    if e.get_ref().is_some() {
        return e.to_string();
    }
    match e.kind() {
        io::ErrorKind::NotFound => "there is no such file or folder".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::StorageFull => "the disk is full".into(),
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".into(),
        io::ErrorKind::IsADirectory => "it is a folder".into(),
        io::ErrorKind::InvalidData | io::ErrorKind::Other => e.to_string(),
        _ => {
            // Keep the system's words but drop the "(os error N)" that means nothing to a
            // reader.
            let text = e.to_string();
            match text.find(" (os error") {
                Some(cut) => text[..cut].to_string(),
                None => text,
            }
        }
    }
}

/// Reads the whole of the ordinary file at `path`, refusing anything else and anything over
/// `limit` bytes (checked before reading, and again while reading, for a file that grows).
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let io_error = |e: io::Error| ReadError::Io(io_in_words(&e));
    // `metadata` follows links and never blocks, unlike opening a pipe.
    let meta = fs::metadata(path).map_err(io_error)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(kind_in_words(&meta)));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let file = open_for_reading(path).map_err(io_error)?;
    // The path could have been swapped for something else since: check what was opened.
    let opened = file.metadata().map_err(io_error)?;
    if !opened.is_file() {
        return Err(ReadError::NotAFile(kind_in_words(&opened)));
    }
    let mut bytes = Vec::with_capacity(opened.len().min(limit) as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Opens without waiting: opening a pipe for reading would otherwise block until someone
/// writes to it.
fn open_for_reading(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// An error whose message is already in the user's words.
fn refusal(kind: io::ErrorKind, message: String) -> io::Error {
    io::Error::new(kind, message)
}

/// The file a write to `path` should really change: symbolic links followed to their end,
/// even when the end does not exist yet (a link to a file still to be made).
pub fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINK_HOPS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = if target.is_absolute() {
                    target
                } else {
                    current
                        .parent()
                        .map_or_else(|| target.clone(), |folder| folder.join(&target))
                };
            }
            Ok(_) => return Ok(current),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(current),
            Err(e) => return Err(e),
        }
    }
    Err(refusal(
        io::ErrorKind::InvalidInput,
        format!(
            "{} is a chain of more than {MAX_LINK_HOPS} symbolic links (a loop?)",
            path.display()
        ),
    ))
}

/// Replaces the file at `path` with `bytes` atomically: a temporary file in the same folder
/// is written, synced and read back, then renamed over the target, so a crash at any point
/// leaves the old file or the new one whole. Used for models and exports alike.
///
/// What the user has is respected:
/// - a symbolic link is followed and the file it points to is replaced (the link stays);
/// - the file's permissions (and, where allowed, its owner and group) are kept;
/// - a file that is read-only, or that the user may not write, is refused: the folder's
///   permission to rename over it is not permission to change it;
/// - anything but an ordinary file (a folder, pipe or device) is refused;
/// - a file with other names (hard links) is refused rather than changed. Replacing it
///   would quietly split it in two (the other names keep the old content), and writing it in
///   place would give up atomicity (a crash mid-write would tear the one copy there is).
///   The message says so and suggests saving under a new name.
///
/// Temporary files of earlier saves that crashed in the same folder are removed on the way.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = resolve_links(path)?;
    let existing = match fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    if let Some(meta) = &existing {
        check_replaceable(&target, meta)?;
    }
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    remove_stale_temporaries(&folder);

    let mut builder = tempfile::Builder::new();
    builder
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .rand_bytes(TEMP_RANDOM_LEN);
    // A temporary file is private by default; the file it becomes should not be. A new file
    // gets the usual permissions (less the user's umask); a replaced one keeps its own.
    if let Some(p) = new_file_permissions() {
        builder.permissions(p);
    }
    let mut temp = builder
        .tempfile_in(&folder)
        .map_err(|e| folder_error(&folder, &e))?;
    // Held while the temporary file exists, so that another save's clean-up leaves it alone.
    let _ = temp.as_file().try_lock();
    if let Some(meta) = &existing {
        temp.as_file().set_permissions(meta.permissions())?;
        keep_owner(temp.as_file(), meta);
    }
    temp.write_all(bytes)?;
    temp.flush()?;
    temp.as_file().sync_all()?;
    // Read back what the disk holds before it replaces anything.
    let mut back = Vec::with_capacity(bytes.len());
    temp.as_file_mut().rewind()?;
    temp.as_file_mut().read_to_end(&mut back)?;
    if back != bytes {
        return Err(refusal(
            io::ErrorKind::InvalidData,
            "the file written did not read back the same; the old file is untouched".into(),
        ));
    }
    // Let go of the lock before the rename: some systems will not rename a locked file, and
    // a file this young is safe from clean-ups by its age alone.
    let _ = temp.as_file().unlock();
    temp.persist(&target).map_err(|e| e.error)?;
    // Sync the folder too, so the rename itself survives a power cut (best effort: not every
    // platform lets a folder be opened).
    if let Ok(dir) = File::open(&folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Refuses to replace what the user has not given leave to change.
fn check_replaceable(target: &Path, meta: &Metadata) -> io::Result<()> {
    if !meta.is_file() {
        return Err(refusal(
            io::ErrorKind::InvalidInput,
            format!(
                "{} is {}, not a file; choose a file name",
                target.display(),
                kind_in_words(meta)
            ),
        ));
    }
    if meta.permissions().readonly() {
        return Err(refusal(
            io::ErrorKind::PermissionDenied,
            "the file is read-only; save under another name, or make it writable first".into(),
        ));
    }
    // Opening for writing (without truncating: nothing changes) asks the system whether this
    // user may write the file itself, which is what replacing it amounts to.
    if let Err(e) = OpenOptions::new().write(true).open(target)
        && e.kind() == io::ErrorKind::PermissionDenied
    {
        return Err(refusal(
            io::ErrorKind::PermissionDenied,
            "you may not change this file (it belongs to someone else or is protected); \
             save under another name"
                .into(),
        ));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if meta.nlink() > 1 {
            return Err(refusal(
                io::ErrorKind::Other,
                format!(
                    "the file has {} names (hard links); replacing it would leave the other \
                     names with the old content, so it is left as it is; save under another \
                     name, or remove the other links first",
                    meta.nlink()
                ),
            ));
        }
    }
    Ok(())
}

/// A failure to create the temporary file, put in terms of the folder.
fn folder_error(folder: &Path, e: &io::Error) -> io::Error {
    let what = match e.kind() {
        io::ErrorKind::NotFound => "does not exist".to_string(),
        io::ErrorKind::PermissionDenied => "does not let you create files in it".to_string(),
        _ => format!("cannot take a new file: {}", io_in_words(e)),
    };
    refusal(e.kind(), format!("the folder {} {what}", folder.display()))
}

/// Gives the new file the owner and group of the one it replaces (an administrator saving a
/// colleague's file must not take it over). Best effort: only allowed to some users.
#[cfg(unix)]
fn keep_owner(file: &File, meta: &Metadata) {
    use std::os::unix::fs::MetadataExt as _;
    if let Ok(own) = file.metadata()
        && (own.uid() != meta.uid() || own.gid() != meta.gid())
    {
        let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
    }
}

#[cfg(not(unix))]
fn keep_owner(_file: &File, _meta: &Metadata) {}

/// Whether `name` is one of the temporary files a save writes.
fn is_temporary_name(name: &str) -> bool {
    name.strip_prefix(TEMP_PREFIX)
        .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
        .is_some_and(|random| {
            random.len() == TEMP_RANDOM_LEN && random.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// Removes temporary files that earlier saves into `folder` left behind when they were
/// killed between writing and renaming. Only files with exactly our name pattern, that are
/// ordinary files (never a link), untouched for `STALE_AFTER`, and not locked by a save in
/// progress are removed; anything uncertain is left. Best effort: errors are ignored.
pub fn remove_stale_temporaries(folder: &Path) -> usize {
    let Ok(entries) = fs::read_dir(folder) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.to_str().is_some_and(is_temporary_name) {
            continue;
        }
        // `DirEntry::metadata` does not follow links.
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if !meta.is_file() || !old {
            continue;
        }
        let path = entry.path();
        let Ok(file) = OpenOptions::new().read(true).open(&path) else {
            continue;
        };
        if file.try_lock().is_err() {
            continue;
        }
        if fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(unix)]
fn new_file_permissions() -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt as _;
    Some(fs::Permissions::from_mode(0o666))
}

#[cfg(not(unix))]
fn new_file_permissions() -> Option<fs::Permissions> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn saved_files_are_readable_by_others_and_keep_their_permissions() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.icsmap.ron");
        write_atomically(&path, b"one").unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let umask = std::process::Command::new("sh")
            .args(["-c", "umask"])
            .output()
            .ok()
            .and_then(|o| u32::from_str_radix(String::from_utf8_lossy(&o.stdout).trim(), 8).ok())
            .unwrap_or(0o022);
        assert_eq!(
            mode(&path),
            0o666 & !umask,
            "a new file gets the usual permissions"
        );
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(mode(&path), 0o640);
        assert_eq!(fs::read(&path).unwrap(), b"two");
    }

    #[test]
    fn temporary_names_are_recognised_exactly() {
        assert!(is_temporary_name(".icsmap-a1B2c3.tmp"));
        assert!(!is_temporary_name(".icsmap-a1B2c.tmp"));
        assert!(!is_temporary_name(".icsmap-a1B2c3.tmp.bak"));
        assert!(!is_temporary_name("icsmap-a1B2c3.tmp"));
        assert!(!is_temporary_name(".icsmap-a1/2c3.tmp"));
    }

    #[test]
    fn system_errors_read_without_error_numbers() {
        let e = io::Error::from_raw_os_error(13);
        assert_eq!(io_in_words(&e), "permission denied");
        let e = io::Error::from(io::ErrorKind::NotFound);
        assert!(!io_in_words(&e).contains("os error"));
    }
}
