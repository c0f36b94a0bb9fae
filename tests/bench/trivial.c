/* trivial.c - the baseline for start-up time: a C program that does nothing. */
int main(void)
{
	return 0;
}
