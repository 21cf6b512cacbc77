// CBLAS from Debian's libblas-dev; LAPACK from liblapack-dev, which ships no C header,
// so the Fortran routines used are declared here (column-major, every argument by pointer,
// a hidden length argument after the others for each CHARACTER parameter).
#ifndef STANCE_CBLAS_SHIM_H
#define STANCE_CBLAS_SHIM_H

#include <stddef.h>
#include <cblas.h>

// Cholesky factorisation and solve, double precision.
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_len);
void dpotrs_(const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda,
             double *b, const int *ldb, int *info, size_t uplo_len);
// Cholesky factorisation and solve, single precision.
void spotrf_(const char *uplo, const int *n, float *a, const int *lda, int *info, size_t uplo_len);
void spotrs_(const char *uplo, const int *n, const int *nrhs, const float *a, const int *lda,
             float *b, const int *ldb, int *info, size_t uplo_len);
// Symmetric positive definite solve in one call.
void dposv_(const char *uplo, const int *n, const int *nrhs, double *a, const int *lda,
            double *b, const int *ldb, int *info, size_t uplo_len);

#endif
