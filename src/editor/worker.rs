//! Work done on a second thread, so that no frame waits for it: the lines routed with care
//! (`careful.rs`) and auto-layout, which take from a few milliseconds to about a second.
//!
//! One job at a time per worker, tagged with what it was asked for (the scene or model
//! revision it is about): the caller waits for the job under way before asking again,
//! rather than starting a thread per edit, and checks the answer against what is shown by
//! then. Only a job forgotten when another model is opened keeps running unheard.

use std::sync::mpsc::{self, Receiver, TryRecvError};

/// How a job went.
pub(crate) enum Outcome<K, T> {
    /// Still working, or nothing asked.
    Waiting,
    /// Done, for what `K` says.
    Done(K, T),
    /// The thread stopped without an answer (it panicked).
    Lost(K),
}

/// The job under way, if any, and what it is for.
pub(crate) struct Worker<K, T> {
    /// Asks for a frame when a job is done, so its answer is not left to the next event.
    ctx: egui::Context,
    running: Option<(K, Receiver<T>)>,
}

impl<K: Clone, T: Send + 'static> Worker<K, T> {
    pub fn new(ctx: egui::Context) -> Worker<K, T> {
        Worker { ctx, running: None }
    }

    /// Whether a job is under way.
    pub fn busy(&self) -> bool {
        self.running.is_some()
    }

    /// Starts `job` for `key` on a new thread; gives it back when no thread can be made, for
    /// the caller to do itself. The caller checks [`Worker::busy`] first.
    pub fn start<F>(&mut self, key: K, job: F) -> Result<(), F>
    where
        F: FnOnce() -> T + Send + 'static,
    {
        debug_assert!(!self.busy(), "a job is under way: its answer would be lost");
        let (answer, answered) = mpsc::channel();
        // The job goes to the thread once it runs, so that a thread that cannot be made
        // does not take the job down with it.
        let (give, take) = mpsc::channel::<F>();
        let ctx = self.ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("icsmap worker".into())
            .spawn(move || {
                if let Ok(job) = take.recv() {
                    // A frame is asked for however the job ends, a panic included, so that
                    // the editor notices at once rather than at the next event.
                    let _wake = Wake(ctx);
                    // The receiver is gone when the editor moved on: nothing to tell.
                    let _ = answer.send(job());
                }
            });
        if spawned.is_err() {
            return Err(job);
        }
        // The thread holds `take` until it has received, so this cannot fail; if it did,
        // the job comes back.
        give.send(job).map_err(|e| e.0)?;
        self.running = Some((key, answered));
        Ok(())
    }

    /// The job's answer, without waiting.
    pub fn poll(&mut self) -> Outcome<K, T> {
        let Some((key, rx)) = &self.running else {
            return Outcome::Waiting;
        };
        let outcome = match rx.try_recv() {
            Ok(answer) => Outcome::Done(key.clone(), answer),
            Err(TryRecvError::Empty) => return Outcome::Waiting,
            Err(TryRecvError::Disconnected) => Outcome::Lost(key.clone()),
        };
        self.running = None;
        outcome
    }

    /// Waits for the job under way (tests).
    pub fn wait(&mut self) -> Outcome<K, T> {
        let Some((key, rx)) = self.running.take() else {
            return Outcome::Waiting;
        };
        match rx.recv() {
            Ok(answer) => Outcome::Done(key, answer),
            Err(_) => Outcome::Lost(key),
        }
    }

    /// Forgets the job under way (another model was opened): its answer is dropped. The
    /// thread cannot be stopped; it finishes in the background and its answer goes nowhere.
    pub fn forget(&mut self) {
        self.running = None;
    }
}

/// Asks for a frame when dropped: at the end of a job, however it ends.
struct Wake(egui::Context);

impl Drop for Wake {
    fn drop(&mut self) {
        self.0.request_repaint();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_is_answered_with_its_key_and_a_thread_that_panics_is_lost() {
        let mut worker: Worker<u32, usize> = Worker::new(egui::Context::default());
        assert!(matches!(worker.poll(), Outcome::Waiting));
        assert!(worker.start(7, || 6 * 7).is_ok());
        assert!(worker.busy());
        assert!(matches!(worker.wait(), Outcome::Done(7, 42)));
        assert!(!worker.busy());
        assert!(worker.start(8, || panic!("a bug in the job")).is_ok());
        assert!(matches!(worker.wait(), Outcome::Lost(8)));
        assert!(worker.start(9, || 1).is_ok());
        worker.forget();
        assert!(matches!(worker.poll(), Outcome::Waiting));
    }
}
