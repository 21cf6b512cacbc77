#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// What the dynamic linker resolved `blas` to. Debian's alternatives can swap netlib BLAS for
/// OpenBLAS at run time, so benchmarks look it up instead of assuming it.
public enum BLASLibrary {
    private typealias GetConfig = @convention(c) () -> UnsafePointer<CChar>?

    /// "OpenBLAS <its build configuration>" when OpenBLAS is loaded, else "reference BLAS (netlib)".
    public static var description: String {
        guard let program = dlopen(nil, RTLD_LAZY), let address = dlsym(program, "openblas_get_config") else {
            return "reference BLAS (netlib)"
        }
        let config = unsafeBitCast(address, to: GetConfig.self)
        return config().map { "OpenBLAS " + String(cString: $0) } ?? "OpenBLAS"
    }
}
