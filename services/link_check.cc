// The program laso_domain_library() links a whole domain archive into: it
// links only when the domain code needs nothing but its declared closure.
int main() { return 0; }
