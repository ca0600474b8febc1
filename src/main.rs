// mimalloc: a batch allocates and frees many small strings on two threads at once, and the
// system allocator spent a tenth of a validate run there (measured in the closing note).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's option numbers (`mi_option_e` in mimalloc.h, the same in its v2 and v3).
const MI_OPTION_ARENA_EAGER_COMMIT: i32 = 4;
const MI_OPTION_PURGE_DELAY: i32 = 15;

fn main() -> std::process::ExitCode {
    // Memory a finished workbook freed goes back to the system at once, not after mimalloc's
    // delay, and arenas are committed as they fill: with two threads reading side by side the
    // delay let a consolidate of 10,000 workbooks peak at 280–324 MB against 226 MB without it
    // (README, "Speed and memory"). An MIMALLOC_… variable still wins.
    for (option, name, value) in [
        (MI_OPTION_PURGE_DELAY, "MIMALLOC_PURGE_DELAY", 0),
        (
            MI_OPTION_ARENA_EAGER_COMMIT,
            "MIMALLOC_ARENA_EAGER_COMMIT",
            0,
        ),
    ] {
        if std::env::var_os(name).is_none() {
            // SAFETY: mi_option_set only stores a number mimalloc reads on its next decision.
            unsafe { libmimalloc_sys::mi_option_set(option, value) };
        }
    }
    hyoka::cli::main()
}
