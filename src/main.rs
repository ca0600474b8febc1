// mimalloc: a batch allocates and frees many small strings on two threads at once, and the
// system allocator spent a tenth of a validate run there (measured in the closing note).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    hyoka::cli::main()
}
