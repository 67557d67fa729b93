int main() {
<<<<<<< HEAD
  return 0;
=======
  return 1;
>>>>>>> feature
}
